using System.Net.Http;
using AppBuilder.Sandboxes;
using AppBuilder.Testing.Prerequisites;

namespace AppBuilder.Testing.Conformance;

public abstract partial class SandboxProviderConformanceTests
{
    [ConformanceFact]
    public async Task Start_Interactive_WritesStandardInputAndReadsRawStandardOutput()
    {
        var sandbox = await CreateSandboxAsync();
        var spec = ProcessSpec.Of("sh", "-c", "cat; echo done >&2") with { Interactive = true, Timeout = null };
        await using var process = await sandbox.Processes.StartAsync(spec, Timeout);
        var errors = ReadLinesAsync(process);

        // Longer than any line cap the line-based output applies: the raw stream must carry it whole.
        var payload = "{\"jsonrpc\":\"2.0\",\"data\":\"" + new string('x', 64 * 1024) + "\"}\n";
        process.StandardInput.Should().NotBeNull();
        process.StandardOutput.Should().NotBeNull();
        await process.StandardInput!.WriteAsync(System.Text.Encoding.UTF8.GetBytes(payload), Timeout);
        await process.StandardInput.FlushAsync(Timeout);
        await process.StandardInput.DisposeAsync();
        using var reader = new StreamReader(process.StandardOutput!);
        var echoed = await reader.ReadToEndAsync(Timeout);

        echoed.Should().Be(payload);
        (await process.WaitForExitAsync(Timeout)).Should().Be(0);
        (await errors).Should().Equal("done");
    }

    [ConformanceFact]
    public async Task Start_NotInteractive_HasNoStandardStreams_AndInputIsClosed()
    {
        var sandbox = await CreateSandboxAsync();
        await using var process = await sandbox.Processes.StartAsync(ProcessSpec.Of("sh", "-c", "cat; echo eof") with { Timeout = null }, Timeout);

        (await process.WaitForExitAsync(Timeout)).Should().Be(0);
        process.StandardInput.Should().BeNull();
        process.StandardOutput.Should().BeNull();
    }

    private async Task<List<string>> ReadLinesAsync(ISandboxProcess process)
    {
        var lines = new List<string>();
        await foreach (var line in process.ReadOutputAsync(Timeout))
        {
            lines.Add(line.Text);
        }

        return lines;
    }

    [ConformanceFact]
    public async Task Run_Command_ReturnsExitCodeAndBothStreams()
    {
        var sandbox = await CreateSandboxAsync();

        var result = await sandbox.Processes.RunAsync(ProcessSpec.Of("sh", "-c", "printf out; printf err >&2; exit 3"), Timeout);

        result.ExitCode.Should().Be(3);
        result.Succeeded.Should().BeFalse();
        result.StandardOutput.Should().Be("out");
        result.StandardError.Should().Be("err");
        result.TimedOut.Should().BeFalse();
        result.OutputTruncated.Should().BeFalse();
    }

    [ConformanceFact]
    public async Task Run_ArgumentsWithShellCharacters_AreNotInterpreted()
    {
        var sandbox = await CreateSandboxAsync();

        var result = await sandbox.Processes.RunAsync(ProcessSpec.Of("printf", "%s|", "a b", "$(touch pwned)", ";rm -rf x"), Timeout);

        result.Succeeded.Should().BeTrue(result.StandardError);
        result.StandardOutput.Should().Be("a b|$(touch pwned)|;rm -rf x|");
        (await sandbox.Files.ExistsAsync("pwned", Timeout)).Should().BeFalse();
    }

    [ConformanceFact]
    public async Task Run_MissingProgram_FailsWithoutThrowing()
    {
        var sandbox = await CreateSandboxAsync();

        var result = await sandbox.Processes.RunAsync(ProcessSpec.Of("appbuilder-no-such-program"), Timeout);

        result.Succeeded.Should().BeFalse();
        result.ExitCode.Should().NotBe(0);
    }

    [ConformanceFact]
    public async Task Run_PastTimeout_KillsTheWholeTreeAndReportsTimedOut()
    {
        var sandbox = await CreateSandboxAsync();
        var spec = ProcessSpec.Of("sh", "-c", "(sleep 1; echo late > late.txt) & sleep 60") with
        {
            Timeout = TimeSpan.FromMilliseconds(300),
        };

        var result = await sandbox.Processes.RunAsync(spec, Timeout);
        await Task.Delay(TimeSpan.FromSeconds(2), Timeout);

        result.TimedOut.Should().BeTrue();
        result.ExitCode.Should().Be(-1);
        result.Succeeded.Should().BeFalse();
        (await sandbox.Files.ExistsAsync("late.txt", Timeout)).Should().BeFalse("the background child must die with its parent");
    }

    [ConformanceFact]
    public async Task Run_OutputBeyondCap_IsTruncatedPerStream()
    {
        var sandbox = await CreateSandboxAsync();
        var spec = ProcessSpec.Of("sh", "-c", "head -c 100000 /dev/zero | tr '\\000' x; printf small >&2") with { MaxOutputBytes = 1000 };

        var result = await sandbox.Processes.RunAsync(spec, Timeout);

        result.OutputTruncated.Should().BeTrue();
        result.StandardOutput.Length.Should().Be(1000);
        result.StandardError.Should().Be("small");
        result.ExitCode.Should().Be(0);
    }

    [ConformanceFact]
    public async Task Run_Environment_ComesFromSandboxAndSpecWithSpecWinning()
    {
        var sandbox = await CreateSandboxAsync(new Dictionary<string, string> { ["FROM_SANDBOX"] = "s", ["BOTH"] = "sandbox" });
        var spec = ProcessSpec.Of("sh", "-c", "printf '%s,%s,%s' \"$FROM_SANDBOX\" \"$FROM_SPEC\" \"$BOTH\"") with
        {
            Environment = new Dictionary<string, string> { ["FROM_SPEC"] = "p", ["BOTH"] = "spec" },
        };

        var result = await sandbox.Processes.RunAsync(spec, Timeout);

        result.StandardOutput.Should().Be("s,p,spec");
    }

    [ConformanceFact]
    public async Task Run_WorkingDirectory_IsTheProjectFolderGiven()
    {
        var sandbox = await CreateSandboxAsync();
        await sandbox.Files.WriteTextAsync("sub/dir/a.txt", "in sub", Timeout);

        var inSub = await sandbox.Processes.RunAsync(ProcessSpec.Of("cat", "a.txt") with { WorkingDirectory = "sub/dir" }, Timeout);
        var atRoot = await sandbox.Processes.RunAsync(ProcessSpec.Of("cat", "sub/dir/a.txt"), Timeout);
        var written = await sandbox.Processes.RunAsync(ProcessSpec.Of("sh", "-c", "echo made > made.txt") with { WorkingDirectory = "sub" }, Timeout);

        inSub.StandardOutput.Should().Be("in sub");
        atRoot.StandardOutput.Should().Be("in sub");
        written.Succeeded.Should().BeTrue(written.StandardError);
        (await sandbox.Files.ReadTextAsync("sub/made.txt", Timeout)).Should().Be("made\n");
    }

    [ConformanceFact]
    public async Task Run_MissingWorkingDirectory_Throws()
    {
        var sandbox = await CreateSandboxAsync();

        var act = () => sandbox.Processes.RunAsync(ProcessSpec.Of("true") with { WorkingDirectory = "nope" }, Timeout);

        await act.Should().ThrowAsync<DirectoryNotFoundException>();
    }

    [ConformanceFact]
    public async Task Start_Background_StreamsLinesToSeveralReadersAndKills()
    {
        var sandbox = await CreateSandboxAsync();
        var process = await sandbox.Processes.StartAsync(ProcessSpec.Of("sh", "-c", "echo one; echo two >&2; echo three; sleep 60"), Timeout);

        var first = await ReadUntilAsync(process, "one", "two", "three");
        var second = await ReadUntilAsync(process, "one", "two", "three");
        sandbox.Processes.List().Should().Contain(p => p.Id == process.Id);
        process.HasExited.Should().BeFalse();
        await process.KillAsync(Timeout);

        first.Select(l => l.Text).Should().BeEquivalentTo("one", "two", "three");
        first.Where(l => l.Stream == ProcessStream.StandardOutput).Select(l => l.Text).Should().Equal("one", "three");
        second.Select(l => l.Text).Should().BeEquivalentTo("one", "two", "three");
        first.Single(l => l.Text == "two").Stream.Should().Be(ProcessStream.StandardError);
        first.Single(l => l.Text == "one").Stream.Should().Be(ProcessStream.StandardOutput);
        process.HasExited.Should().BeTrue();
        process.ExitCode.Should().NotBe(0);
        process.Command.Should().Equal("sh", "-c", "echo one; echo two >&2; echo three; sleep 60");
    }

    [ConformanceFact]
    public async Task Start_ProcessThatExits_ReportsExitCodeAndKeepsRecentOutput()
    {
        var sandbox = await CreateSandboxAsync();
        var process = await sandbox.Processes.StartAsync(ProcessSpec.Of("sh", "-c", "echo done; exit 4"), Timeout);

        var code = await process.WaitForExitAsync(Timeout);
        var lines = new List<string>();
        await foreach (var line in process.ReadOutputAsync(Timeout))
        {
            lines.Add(line.Text);
        }

        code.Should().Be(4);
        process.ExitCode.Should().Be(4);
        lines.Should().Equal("done");
        sandbox.Processes.List().Should().NotContain(p => p.Id == process.Id);
    }

    [ConformanceFact(Prerequisite.Node)]
    public async Task Ports_ServerInsideSandbox_IsReachableAtPortUrl()
    {
        var sandbox = await CreateSandboxAsync();
        var port = await sandbox.ReservePortAsync(4173, Timeout);
        var other = await sandbox.ReservePortAsync(4174, Timeout);
        var script = "require('http').createServer((q,s)=>s.end('pong')).listen(" + port + ",'127.0.0.1',()=>console.log('listening'))";
        var server = await sandbox.Processes.StartAsync(ProcessSpec.Of("node", "-e", script), Timeout);
        try
        {
            await ReadUntilAsync(server, "listening");
            var url = await sandbox.GetPortUrlAsync(port, Timeout);
            using var http = new HttpClient();

            var body = await http.GetStringAsync(url, Timeout);

            body.Should().Be("pong");
            url.IsAbsoluteUri.Should().BeTrue();
            url.Scheme.Should().Be("http");
            port.Should().NotBe(other);
        }
        finally
        {
            await server.KillAsync(Timeout);
        }
    }

    /// <summary>Reads a background process's output until every line of <paramref name="expected"/> was seen.</summary>
    protected async Task<List<ProcessOutputLine>> ReadUntilAsync(ISandboxProcess process, params string[] expected)
    {
        var lines = new List<ProcessOutputLine>();
        var missing = new HashSet<string>(expected, StringComparer.Ordinal);
        await foreach (var line in process.ReadOutputAsync(Timeout))
        {
            lines.Add(line);
            missing.Remove(line.Text);
            if (missing.Count == 0)
            {
                return lines;
            }
        }

        throw new Xunit.Sdk.XunitException($"The process ended before printing {string.Join(", ", missing)}; it printed: {string.Join(" | ", lines.Select(l => l.Text))}");
    }
}
