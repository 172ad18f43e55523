using System.Text;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class DownloadToRepoToolTests
{
    private static Task<ToolHarness> LoopbackAllowedAsync(long maxBytes = 10L * 1024 * 1024) =>
        ToolHarness.CreateAsync(o =>
        {
            o.DownloadAllowPrivateNetworks = true;
            o.DownloadMaxBytes = maxBytes;
        });

    [Fact]
    public async Task Download_SmallFile_WritesItIntoTheProject()
    {
        await using var server = LocalHttpServer.Start(_ => LocalHttpResponse.Ok(Encoding.UTF8.GetBytes("<svg/>"), "image/svg+xml"));
        await using var tools = await LoopbackAllowedAsync();

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = server.BaseUri + "logo.svg", target_path = "public/logo.svg" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().Be($"Downloaded 6 bytes (image/svg+xml) from {server.BaseUri}logo.svg to public/logo.svg.");
        tools.Files.GetText("public/logo.svg").Should().Be("<svg/>");
        tools.Events.OfType<FileChangedEvent>().Single().Should().Match<FileChangedEvent>(e =>
            e.Path == "public/logo.svg" && e.Kind == FileChangeKind.Created);
    }

    [Fact]
    public async Task Download_BodyOverTheCapWithoutContentLength_ReturnsErrorAndWritesNothing()
    {
        await using var server = LocalHttpServer.Start(_ => LocalHttpResponse.Ok(new byte[50_000], declareLength: false));
        await using var tools = await LoopbackAllowedAsync(maxBytes: 10_000);
        var before = tools.Files.Snapshot();

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = server.BaseUri + "big.bin", target_path = "public/big.bin" });

        outcome.Text.Should().StartWith("Error: ").And.Contain("is larger than the").And.Contain("nothing was saved");
        tools.Files.Snapshot().SameAs(before).Should().BeTrue();
        tools.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task Download_ContentLengthOverTheCap_IsRefusedBeforeReadingTheBody()
    {
        await using var server = LocalHttpServer.Start(_ => new LocalHttpResponse(200, new byte[100], DeclaredLength: 20_000_000));
        await using var tools = await LoopbackAllowedAsync(maxBytes: 1_000_000);

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = server.BaseUri + "x", target_path = "x.bin" });

        outcome.Text.Should().Contain("is larger than the 0.95 MB download limit");
        tools.Files.GetText("x.bin").Should().BeNull();
    }

    [Fact]
    public async Task Download_Redirect_IsFollowed()
    {
        await using var server = LocalHttpServer.Start(path => path == "/old"
            ? LocalHttpResponse.Redirect("/new")
            : LocalHttpResponse.Ok(Encoding.UTF8.GetBytes("moved"), "text/plain"));
        await using var tools = await LoopbackAllowedAsync();

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = server.BaseUri + "old", target_path = "a.txt" });

        outcome.Text.Should().Contain($"from {server.BaseUri}new to a.txt");
        tools.Files.GetText("a.txt").Should().Be("moved");
        server.RequestCount.Should().Be(2);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://127.0.0.1/x")]
    public async Task Download_RedirectToNonHttpScheme_IsRefused(string location)
    {
        await using var server = LocalHttpServer.Start(_ => LocalHttpResponse.Redirect(location));
        await using var tools = await LoopbackAllowedAsync();

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = server.BaseUri + "x", target_path = "a.txt" });

        outcome.Text.Should().StartWith("Error: the redirect target uses the '").And.Contain("only http and https");
        tools.Files.GetText("a.txt").Should().BeNull();
    }

    [Fact]
    public async Task Download_EndlessRedirects_StopAtTheLimit()
    {
        await using var server = LocalHttpServer.Start(_ => LocalHttpResponse.Redirect("/again"));
        await using var tools = await LoopbackAllowedAsync();

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = server.BaseUri + "x", target_path = "a.txt" });

        outcome.Text.Should().Contain("redirected more than 5 times");
        server.RequestCount.Should().Be(6);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/file.txt")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/path.png")]
    [InlineData("not a url")]
    public async Task Download_NonHttpUrl_IsRefusedWithoutAnyRequest(string url)
    {
        await using var tools = await LoopbackAllowedAsync();

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = url, target_path = "a.txt" });

        outcome.Text.Should().StartWith("Error: source_url ");
        tools.Files.Snapshot().Files.Should().BeEmpty();
    }

    [Fact]
    public async Task Download_ServerAnswers404_ReturnsToolError()
    {
        await using var server = LocalHttpServer.Start(_ => new LocalHttpResponse(404, [], DeclaredLength: 0));
        await using var tools = await LoopbackAllowedAsync();

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = server.BaseUri + "missing.png", target_path = "a.png" });

        outcome.Text.Should().Be($"Error: {server.BaseUri}missing.png answered 404 Not Found.");
    }

    [Fact]
    public async Task Download_LoopbackWithDefaultPolicy_IsRefusedBeforeConnecting()
    {
        await using var server = LocalHttpServer.Start(_ => LocalHttpResponse.Ok([1, 2, 3]));
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("download_to_repo", new { source_url = server.BaseUri + "x", target_path = "a.bin" });

        outcome.Text.Should().Contain("'127.0.0.1' resolves to a loopback, private or otherwise non-public address");
        server.RequestCount.Should().Be(0);
        tools.Files.GetText("a.bin").Should().BeNull();
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("93.184.215.14", true)]
    [InlineData("2606:4700::1111", true)]
    public void IsPublic_ClassifiesAddresses(string address, bool expected)
    {
        AppBuilder.Agent.Tools.NetworkAddressPolicy.IsPublic(System.Net.IPAddress.Parse(address)).Should().Be(expected);
    }
}
