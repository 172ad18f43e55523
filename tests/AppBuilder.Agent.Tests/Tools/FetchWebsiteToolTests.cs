using System.Diagnostics;
using System.Net;
using System.Text;
using AppBuilder.Agent.Tests.Support;
using AppBuilder.Agent.Tools;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class FetchWebsiteToolTests
{
    private const string ArticlePage = """
        <!doctype html>
        <html><head><title>Vite guide | Docs</title><script>window.secret = "do-not-show";</script>
        <style>body { color: red }</style></head>
        <body>
          <nav><a href="/home">Navigation home</a> <a href="/pricing">Navigation pricing</a></nav>
          <article>
            <h1>Getting started with Vite</h1>
            <p>Vite is a build tool that aims to provide a faster and leaner development experience for modern web
               projects. It consists of a dev server with rich feature enhancements and a build command that bundles
               your code with Rollup, pre-configured to output highly optimised static assets for production.</p>
            <p>Vite is opinionated and comes with sensible defaults out of the box, but is also highly extensible via its
               plugin API and JavaScript API with full typing support. Read <a href="/docs/start">the docs</a> for more,
               and run <code>npm create vite</code> to begin.</p>
            <h2>Installing</h2>
            <p>You need a recent version of Node.js installed on your machine before scaffolding the first project, and
               some templates require newer versions of Node.js to work, so upgrade if your package manager warns.</p>
            <ul><li>Node 20 or later</li><li>A package manager such as <strong>npm</strong></li></ul>
            <ol><li>Scaffold the project</li><li>Start the dev server</li></ol>
            <pre><code class="language-js">import { defineConfig } from 'vite'
        export default defineConfig({})</code></pre>
            <p>After that, open the browser at the printed address and edit a file: the page updates without reloading,
               thanks to hot module replacement, which keeps the state of the running application intact.</p>
          </article>
          <footer>Footer copyright text</footer>
        </body></html>
        """;

    private static Task<ToolHarness> PrivateAllowedAsync(Action<AgentOptions>? configure = null) =>
        ToolHarness.CreateAsync(o =>
        {
            o.WebFetchAllowPrivateNetworks = true;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task Fetch_ArticlePage_ReturnsTitleAndMainContentAsMarkdown()
    {
        await using var server = await LocalWebServer.StartAsync(LocalWebServer.Content(ArticlePage));
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri + "guide" });

        outcome.IsError.Should().BeFalse(outcome.Text);
        var text = outcome.Text;
        text.Should().StartWith("# ").And.Contain($"URL: {server.BaseUri}guide\n");
        text.Should().Contain("Vite is a build tool that aims to provide a faster and leaner development experience");
        text.Should().Contain("## Installing");
        text.Should().Contain("- Node 20 or later").And.Contain("- A package manager such as **npm**");
        text.Should().Contain("1. Scaffold the project").And.Contain("2. Start the dev server");
        text.Should().Contain($"[the docs]({server.BaseUri}docs/start)");
        text.Should().Contain("`npm create vite`");
        text.Should().Contain("```js\nimport { defineConfig } from 'vite'\nexport default defineConfig({})\n```");
        text.Should().NotContain("do-not-show").And.NotContain("color: red").And.NotContain("<p>");
        text.Should().NotContain("Navigation pricing").And.NotContain("Footer copyright");
        tools.Events.Should().BeEmpty();
        server.RequestCount.Should().Be(1, "SmartReader parses the page it is given and fetches nothing itself");
    }

    [Fact]
    public async Task Fetch_ShortPage_ConvertsTheWholeBodyWithoutItsChrome()
    {
        const string page = """
            <html><head><title>Tiny</title></head><body>
            <nav><a href="/a">Menu entry</a></nav>
            <h1>Hello</h1><p>Short text with a <a href="https://example.com/x">link</a>.</p>
            <table><tr><th>Plan</th><th>Price</th></tr><tr><td>Free</td><td>$0</td></tr></table>
            </body></html>
            """;
        await using var server = await LocalWebServer.StartAsync(LocalWebServer.Content(page));
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri.AbsoluteUri });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().StartWith("# Tiny\n");
        outcome.Text.Should().Contain("# Hello").And.Contain("Short text with a [link](https://example.com/x).");
        outcome.Text.Should().Contain("| Plan | Price |\n| --- | --- |\n| Free | $0 |");
        outcome.Text.Should().NotContain("Menu entry");
    }

    [Fact]
    public async Task Fetch_PlainText_IsPassedThrough()
    {
        await using var server = await LocalWebServer.StartAsync(LocalWebServer.Content("line one\r\n<b>not html</b>\n", "text/plain"));
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri + "notes.txt" });

        outcome.Text.Should().Be($"URL: {server.BaseUri}notes.txt\n\nline one\n<b>not html</b>\n");
    }

    [Fact]
    public async Task Fetch_CharsetInContentType_IsHonoured()
    {
        await using var server = await LocalWebServer.StartAsync(context =>
        {
            context.Response.ContentType = "text/plain; charset=iso-8859-1";
            return context.Response.Body.WriteAsync(Encoding.Latin1.GetBytes("café crème")).AsTask();
        });
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri.AbsoluteUri });

        outcome.Text.Should().EndWith("café crème");
    }

    [Theory]
    [InlineData("image/png")]
    [InlineData("application/pdf")]
    [InlineData("application/octet-stream")]
    public async Task Fetch_NonTextContentType_IsRefusedWithAClearError(string contentType)
    {
        await using var server = await LocalWebServer.StartAsync(LocalWebServer.Content("binary", contentType));
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri + "file" });

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().Be($"Error: {server.BaseUri}file is '{contentType}', not a web page: fetch_website reads HTML and " +
            "plain text only. Use download_to_repo to save files such as images or PDFs into the project.");
    }

    [Fact]
    public async Task Fetch_EndlessPage_IsCutAtTheByteCapWhileStreamingAndTheTextAtTheCharacterCap()
    {
        var paragraph = Encoding.UTF8.GetBytes("<p>" + string.Join(' ', Enumerable.Repeat("endless words of a huge page", 40)) + "</p>\n");
        await using var server = await LocalWebServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><title>Huge</title></head><body>");
            // Never ends on its own: only the reader's cap stops it.
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(paragraph, context.RequestAborted);
            }
        });
        await using var tools = await PrivateAllowedAsync(o =>
        {
            o.WebFetchMaxBytes = 256 * 1024;
            o.WebFetchMaxChars = 5_000;
        });

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri.AbsoluteUri });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().Contain("Note: only the first 256 KB of the page were read.");
        outcome.Text.Should().Contain("endless words of a huge page");
        outcome.Text.Should().MatchRegex(@"\[Truncated: the page's text is \d+ characters; the first 5000 are shown\.\]$");
        outcome.Text.Length.Should().BeLessThan(5_200);
    }

    [Fact]
    public async Task Fetch_SlowServer_TimesOutWithAToolError()
    {
        await using var server = await LocalWebServer.StartAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        await using var tools = await PrivateAllowedAsync(o => o.WebFetchTimeout = TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri + "slow" });

        outcome.Text.Should().Be($"Error: fetching {server.BaseUri}slow did not finish within 0.5 seconds.");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Fetch_SlowBody_TimesOutWithAToolError()
    {
        await using var server = await LocalWebServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><p>first bytes");
            await context.Response.Body.FlushAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        await using var tools = await PrivateAllowedAsync(o => o.WebFetchTimeout = TimeSpan.FromMilliseconds(700));

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri.AbsoluteUri });

        outcome.Text.Should().Be($"Error: fetching {server.BaseUri} did not finish within 0.7 seconds.");
    }

    [Fact]
    public async Task Fetch_LoopbackWithDefaultPolicy_IsRefusedBeforeConnecting()
    {
        await using var server = await LocalWebServer.StartAsync(LocalWebServer.Content("<p>internal admin page</p>"));
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri + "admin" });

        outcome.Text.Should().Be($"Error: could not fetch {server.BaseUri}admin: '127.0.0.1' resolves to a loopback, private or " +
            "otherwise non-public address, which the agent's web tools may not reach.");
        server.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Fetch_DownloadsAllowedOnPrivateNetworks_StillRefusesThemForFetching()
    {
        await using var server = await LocalWebServer.StartAsync(LocalWebServer.Content("<p>internal</p>"));
        await using var tools = await ToolHarness.CreateAsync(o => o.DownloadAllowPrivateNetworks = true);

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri.AbsoluteUri });

        outcome.Text.Should().Contain("resolves to a loopback, private or otherwise non-public address");
        server.RequestCount.Should().Be(0);
    }

    [Theory]
    [InlineData("WebFetchTimeout")]
    [InlineData("WebSearchTimeout")]
    [InlineData("ImageTimeout")]
    public void Options_NonPositiveWebToolTimeout_FailsValidation(string property)
    {
        var services = new ServiceCollection();
        services.AddAppBuilderCore().AddAgent(o => typeof(AgentOptions).GetProperty(property)!.SetValue(o, TimeSpan.Zero));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgentOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>()
            .Which.Message.Should().Contain($"{property} must be a positive time span");
    }

    [Fact]
    public async Task Fetch_LocalhostNameWithDefaultPolicy_IsRefusedAtConnectTime()
    {
        await using var server = await LocalWebServer.StartAsync(LocalWebServer.Content("<p>internal</p>"));
        await using var tools = await ToolHarness.CreateAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = $"http://localhost:{server.BaseUri.Port}/" });

        outcome.Text.Should().Contain("'localhost' resolves to a loopback, private or otherwise non-public address");
        server.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Fetch_RedirectToAPrivateAddress_IsRefusedAndNeverReachesIt()
    {
        // 127.0.0.1 stands for the public internet here; every other address keeps the default (public-only) rule.
        await using var internalService = await LocalWebServer.StartAsync(LocalWebServer.Content("<p>internal secrets</p>"), "127.0.0.2");
        await using var server = await LocalWebServer.StartAsync(context =>
        {
            context.Response.Redirect(internalService.BaseUri + "secrets");
            return Task.CompletedTask;
        });
        await using var tools = await OnlyFirstLoopbackAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri + "start" });

        outcome.Text.Should().Be($"Error: could not fetch {server.BaseUri}start: '127.0.0.2' resolves to a loopback, private or " +
            "otherwise non-public address, which the agent's web tools may not reach.");
        server.RequestCount.Should().Be(1);
        internalService.RequestCount.Should().Be(0);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://[::1]/")]
    public async Task Fetch_RedirectToMetadataOrPrivateRanges_IsRefused(string target)
    {
        await using var server = await LocalWebServer.StartAsync(context =>
        {
            context.Response.Redirect(target);
            return Task.CompletedTask;
        });
        await using var tools = await OnlyFirstLoopbackAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri.AbsoluteUri });

        outcome.Text.Should().StartWith($"Error: could not fetch {server.BaseUri}: '")
            .And.Contain("resolves to a loopback, private or otherwise non-public address");
    }

    [Fact]
    public async Task Fetch_RelativeRedirect_IsFollowedAndReportedAsTheFinalUrl()
    {
        await using var server = await LocalWebServer.StartAsync(context =>
        {
            if (context.Request.Path == "/old")
            {
                context.Response.Redirect("/new");
                return Task.CompletedTask;
            }

            return LocalWebServer.Content("<html><head><title>New</title></head><body><p>moved here</p></body></html>")(context);
        });
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri + "old" });

        outcome.Text.Should().StartWith($"# New\nURL: {server.BaseUri}new\n").And.Contain("moved here");
        server.RequestCount.Should().Be(2);
    }

    [Fact]
    public async Task Fetch_RedirectToFileScheme_IsRefused()
    {
        await using var server = await LocalWebServer.StartAsync(context =>
        {
            context.Response.Redirect("file:///etc/passwd");
            return Task.CompletedTask;
        });
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri.AbsoluteUri });

        outcome.Text.Should().Be("Error: the redirect target uses the 'file' scheme; only http and https URLs are allowed.");
    }

    [Fact]
    public async Task Fetch_EndlessRedirects_StopAtTheLimit()
    {
        await using var server = await LocalWebServer.StartAsync(context =>
        {
            context.Response.Redirect("/again");
            return Task.CompletedTask;
        });
        await using var tools = await PrivateAllowedAsync(o => o.WebFetchMaxRedirects = 3);

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri.AbsoluteUri });

        outcome.Text.Should().Be($"Error: {server.BaseUri}again redirected more than 3 times.");
        server.RequestCount.Should().Be(4);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "Error: url uses the 'file' scheme; only http and https URLs are allowed.")]
    [InlineData("ftp://example.com/a.txt", "Error: url uses the 'ftp' scheme; only http and https URLs are allowed.")]
    [InlineData("javascript:alert(1)", "Error: url uses the 'javascript' scheme; only http and https URLs are allowed.")]
    [InlineData("not a url", "Error: url must be an absolute http or https URL, not 'not a url'.")]
    [InlineData("/relative/page", "Error: url must be an absolute http or https URL, not '/relative/page'.")]
    [InlineData("http://", "Error: url must be an absolute http or https URL, not 'http://'.")]
    public async Task Fetch_MalformedOrNonHttpUrl_IsRefusedWithoutAnyRequest(string url, string expected)
    {
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url });

        outcome.Text.Should().Be(expected);
    }

    [Fact]
    public async Task Fetch_ServerAnswers404_ReturnsToolError()
    {
        await using var server = await LocalWebServer.StartAsync(context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        await using var tools = await PrivateAllowedAsync();

        var outcome = await tools.InvokeAsync("fetch_website", new { url = server.BaseUri + "missing" });

        outcome.Text.Should().Be($"Error: {server.BaseUri}missing answered 404 Not Found.");
    }

    [Fact]
    public async Task Fetch_IsReadOnly_AndNeedsNoApproval()
    {
        await using var tools = await ToolHarness.CreateAsync();

        ((AgentTool)tools.Tool("fetch_website")).RequiresApproval.Should().BeFalse();
        AgentToolNames.ApprovalRequired.Should().NotContain(["fetch_website", "web_search"]).And.Contain("generate_image");
    }

    private static Task<ToolHarness> OnlyFirstLoopbackAllowedAsync() => ToolHarness.CreateAsync(extra: b =>
        b.Services.AddHttpClient(FetchWebsiteTool.HttpClientName).ConfigurePrimaryHttpMessageHandler(() =>
            NetworkAddressPolicy.CreateHandler(a => a.Equals(IPAddress.Loopback) || NetworkAddressPolicy.IsPublic(a))));
}
