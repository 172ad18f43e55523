using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Fixes;

namespace AppBuilder.AspNetCore.Tests.Fixes;

public sealed class PreviewErrorParserTests
{
    private const string Host = "p1.preview.localhost:5000";

    private static BrowserLogEntry Entry(string type, string? message = null, string? stack = null, string? file = null, int? line = null,
        int? column = null, string? frame = null, string? method = null, string? url = null, int? status = null) =>
        new("console", "error", message ?? "x", new BrowserErrorDetail(type, message, stack, file, line, column, frame, method, url, status));

    [Fact]
    public void FromBrowser_RuntimeError_MapsTheFirstProjectFrameAndStripsTheOriginAndViteQueries()
    {
        var stack = "TypeError: Cannot read properties of null (reading 'filter')\n"
            + "    at GuestList (http://p1.preview.localhost:5000/src/components/GuestList.tsx?t=1733140000:14:25)\n"
            + "    at renderWithHooks (http://p1.preview.localhost:5000/node_modules/.vite/deps/react-dom_client.js?v=ab12cd34:5:10)";

        var report = PreviewErrorParser.FromBrowser(Entry("runtime", "TypeError: Cannot read properties of null (reading 'filter')", stack,
            file: "http://p1.preview.localhost:5000/node_modules/.vite/deps/react-dom_client.js?v=ab12cd34", line: 5, column: 10), Host);

        report.Should().NotBeNull();
        report!.Kind.Should().Be(PreviewErrorKind.Runtime);
        report.File.Should().Be("src/components/GuestList.tsx");
        (report.Line, report.Column).Should().Be((14, 25));
        report.Stack.Should().Contain("at GuestList (src/components/GuestList.tsx:14:25)")
            .And.Contain("node_modules/.vite/deps/react-dom_client.js:5:10")
            .And.NotContain("preview.localhost").And.NotContain("?t=").And.NotContain("?v=");
    }

    [Fact]
    public void FromBrowser_ViteBuildError_MakesTheAbsoluteFileAProjectPathAndScrubsHostPathsEverywhere()
    {
        const string root = "/var/lib/appbuilder/sandboxes/p1";
        var report = PreviewErrorParser.FromBrowser(Entry("build",
            message: $"Transform failed with 1 error:\n{root}/src/App.tsx:5:3: ERROR: Expected \")\" but found \"}}\" (see /home/alice/.npm/_logs)",
            stack: $"at failureErrorWithLog ({root}/node_modules/esbuild/lib/main.js:1472:15)",
            file: $"{root}/src/App.tsx", line: 5, column: 3, frame: "3 |  return (\n4 |    <div>\n5 |   }\n  |   ^"), Host);

        report!.Kind.Should().Be(PreviewErrorKind.Build);
        report.File.Should().Be("src/App.tsx");
        (report.Line, report.Column).Should().Be((5, 3));
        report.Message.Should().Contain("src/App.tsx:5:3: ERROR").And.Contain("<host path>")
            .And.NotContain("/var/lib").And.NotContain("/home/alice");
        report.Stack.Should().NotContain("/var/lib");
        report.Frame.Should().Contain("^");
    }

    [Theory]
    [InlineData(200, false)]
    [InlineData(304, false)]
    [InlineData(404, true)]
    [InlineData(503, true)]
    [InlineData(0, true)]
    public void FromBrowser_Request_IsAnErrorWhenItFailedOrAnswered4xxOr5xx(int status, bool isError)
    {
        var report = PreviewErrorParser.FromBrowser(Entry("network", method: "post", url: "http://p1.preview.localhost:5000/api/items?id=7", status: status), Host);

        if (!isError)
        {
            report.Should().BeNull();
            return;
        }

        report!.Kind.Should().Be(PreviewErrorKind.Network);
        report.Status.Should().Be(status);
        report.Message.Should().Be($"POST /api/items {(status == 0 ? "failed" : status.ToString())}");
    }

    [Fact]
    public void FromBrowser_HostileEntry_IsCappedAndItsNumbersBounded()
    {
        var huge = new string('A', 100_000);
        var report = PreviewErrorParser.FromBrowser(Entry("unhandledRejection", message: huge, stack: string.Join('\n', Enumerable.Repeat("at x (/src/a.ts:1:1)", 500)),
            file: "../../etc/passwd", line: int.MaxValue, column: -4, frame: huge), Host);

        report!.Message.Length.Should().BeLessThanOrEqualTo(PreviewErrorParser.MaxMessageLength + 1);
        report.Stack!.Length.Should().BeLessThanOrEqualTo(PreviewErrorParser.MaxStackLength + 1);
        report.Stack.Split('\n').Length.Should().BeLessThanOrEqualTo(PreviewErrorParser.MaxStackLines + 1);
        report.Frame!.Length.Should().BeLessThanOrEqualTo(PreviewErrorParser.MaxFrameLength + 1);
        report.File.Should().Be("src/a.ts", "the stack's project frame wins over a file name that leaves the project");
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("http://evil.example/src/App.tsx")]
    [InlineData("/node_modules/react/index.js")]
    [InlineData("/@vite/client")]
    public void ProjectFile_NamesOutsideTheProject_AreNotProjectFiles(string name)
    {
        PreviewErrorParser.ProjectFile(name, Host).File.Should().BeNull();
    }

    [Fact]
    public void FromBrowser_EntryWithoutErrorOrWithUnknownType_IsNoError()
    {
        PreviewErrorParser.FromBrowser(new BrowserLogEntry("console", "error", "plain"), Host).Should().BeNull();
        PreviewErrorParser.FromBrowser(Entry("weird", "x"), Host).Should().BeNull();
        PreviewErrorParser.FromBrowser(Entry("runtime", "   "), Host).Should().BeNull();
    }

    [Theory]
    [InlineData("\u001b[31m[vite] Internal server error: /srv/sb/p1/src/App.tsx: Unexpected token (5:3)\u001b[39m", "src/App.tsx")]
    [InlineData("12:00:01 [vite] Pre-transform error: Failed to resolve import \"./Missing\" from \"src/App.tsx\". Does the file exist?", null)]
    [InlineData("[plugin:vite:css] /srv/sb/p1/src/index.css:3:1: Unknown word", "src/index.css")]
    public void FromBuildLog_ViteErrorLines_AreBuildErrorsWithoutHostPaths(string line, string? file)
    {
        var report = PreviewErrorParser.FromBuildLog(line);

        report!.Kind.Should().Be(PreviewErrorKind.Build);
        report.File.Should().Be(file);
        report.Message.Should().NotContain("/srv/").And.NotContain("\u001b");
    }

    [Theory]
    [InlineData("  VITE v7.1.0  ready in 312 ms")]
    [InlineData("[vite] hmr update /src/App.tsx")]
    [InlineData("")]
    public void FromBuildLog_OrdinaryLines_AreNoError(string line)
    {
        PreviewErrorParser.FromBuildLog(line).Should().BeNull();
    }
}
