using AppBuilder.Agent.Tests.Support;
using AppBuilder.Agent.Web;
using AppBuilder.Testing.FakeServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tests.Tools;

public sealed class WebSearchToolTests
{
    private const string Key = "brave-test-key-123";

    private static Task<ToolHarness> HarnessAsync(FakeBraveSearchServer server, Action<AgentOptions>? configure = null) =>
        ToolHarness.CreateAsync(configure, extra: b => b.AddBraveWebSearch(o =>
        {
            o.ApiKey = Key;
            o.Endpoint = server.RootUrl;
        }));

    [Fact]
    public async Task Catalog_WithoutAProvider_HasNoWebSearchTool()
    {
        await using var tools = await ToolHarness.CreateAsync();

        tools.ToolNames.Should().NotContain("web_search").And.NotContain("generate_image").And.Contain("fetch_website");
    }

    [Fact]
    public async Task Search_Results_AreListedWithTitleUrlAndPlainTextSnippet()
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        server.EnqueueResults(
            ("React <strong>hooks</strong> &amp; state", "https://react.dev/reference/react/hooks", "Built-in <strong>React Hooks</strong> let you use state &amp; more."),
            ("useState – React", "https://react.dev/reference/react/useState", "useState is a React Hook that lets you add a state variable."));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("web_search", new { query = "react hooks", count = 3 });

        outcome.IsError.Should().BeFalse(outcome.Text);
        outcome.Text.Should().Be("""
            Results for "react hooks":

            1. React hooks & state
               https://react.dev/reference/react/hooks
               Built-in React Hooks let you use state & more.

            2. useState – React
               https://react.dev/reference/react/useState
               useState is a React Hook that lets you add a state variable.
            """.ReplaceLineEndings("\n"));
        var request = server.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be("GET");
        request.Path.Should().Be("/res/v1/web/search?q=react%20hooks&count=3&safesearch=moderate");
        request.Headers["x-subscription-token"].Should().Be(Key);
        request.Headers["accept"].Should().Be("application/json");
    }

    [Fact]
    public async Task Search_WithoutCount_AsksForTheConfiguredDefault()
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        server.EnqueueResults();
        await using var tools = await HarnessAsync(server, o => o.WebSearchDefaultCount = 7);

        var outcome = await tools.InvokeAsync("web_search", new { query = "vite" });

        outcome.Text.Should().Be("No results for \"vite\".");
        server.Requests.Single().Path.Should().Contain("&count=7&");
    }

    [Fact]
    public async Task Search_Unauthorized_ReturnsAClearToolErrorWithoutTheKey()
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        server.Enqueue(new FakeHttpFailure(401, Message: $"The provided subscription token {Key} is invalid."));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("web_search", new { query = "vite" });

        outcome.IsError.Should().BeTrue();
        outcome.Text.Should().Be("Error: The Brave Search API refused the subscription token (HTTP 401) — check " +
            "AppBuilder:WebSearch:Brave:ApiKey. It said: The provided subscription token [redacted] is invalid.");
        outcome.Text.Should().NotContain(Key).And.NotContain(server.RootUrl.Authority);
    }

    [Fact]
    public async Task Search_RateLimited_SaysWhenToTryAgain()
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        server.Enqueue(new FakeApiAnswer(429, """{"type":"ErrorResponse","error":{"status":429,"code":"RATE_LIMITED","detail":"Request rate limit exceeded for plan."}}""",
            Headers: new Dictionary<string, string> { ["X-RateLimit-Reset"] = "1, 1419704" }));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("web_search", new { query = "vite" });

        outcome.Text.Should().Be("Error: The Brave Search API rate limit was reached (HTTP 429), try again in 1 s; search less " +
            "often or later. It said: Request rate limit exceeded for plan.");
    }

    [Theory]
    [InlineData("{\"type\":\"search\",\"web\":{\"results\":[{\"title\":")]
    [InlineData("<html>upstream proxy error</html>")]
    [InlineData("[1,2,3]")]
    public async Task Search_MalformedJson_ReturnsAClearToolError(string body)
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        server.Enqueue(new FakeApiAnswer(200, body));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("web_search", new { query = "vite" });

        outcome.Text.Should().Be("Error: The Brave Search API answered with malformed JSON, so there are no results.");
    }

    [Fact]
    public async Task Search_ResultsWithMissingOrNonHttpUrls_AreSkipped()
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        server.Enqueue(new FakeApiAnswer(200, """
            {"type":"search","web":{"results":[{"title":"no url"},{"title":"js","url":"javascript:alert(1)"},
            {"title":"ok","url":"https://example.com/","description":""},7]}}
            """));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("web_search", new { query = "vite" });

        outcome.Text.Should().Be("Results for \"vite\":\n\n1. ok\n   https://example.com/");
    }

    [Fact]
    public async Task Search_ServerError_NamesTheStatus()
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        server.Enqueue(new FakeHttpFailure(503, Message: "maintenance"));
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("web_search", new { query = "vite" });

        outcome.Text.Should().Be("Error: The Brave Search API answered HTTP 503. It said: maintenance");
    }

    [Fact]
    public async Task Search_SlowApi_TimesOut()
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        server.Enqueue(new FakeApiAnswer(200, "{}", Delay: TimeSpan.FromSeconds(20)));
        await using var tools = await HarnessAsync(server, o => o.WebSearchTimeout = TimeSpan.FromMilliseconds(300));

        var outcome = await tools.InvokeAsync("web_search", new { query = "vite" });

        outcome.Text.Should().Be("Error: the web search did not finish within 0.3 seconds.");
    }

    [Fact]
    public async Task Search_UnreachableEndpoint_SaysSoWithoutTheAddress()
    {
        await using var tools = await ToolHarness.CreateAsync(extra: b => b.AddBraveWebSearch(o =>
        {
            o.ApiKey = Key;
            o.Endpoint = new Uri("http://127.0.0.1:1/");
        }));

        var outcome = await tools.InvokeAsync("web_search", new { query = "vite" });

        outcome.Text.Should().StartWith("Error: The Brave Search API could not be reached").And.NotContain("127.0.0.1");
    }

    [Theory]
    [InlineData("", null, "Error: query is empty; say what to search for.")]
    [InlineData("   ", null, "Error: query is empty; say what to search for.")]
    [InlineData("vite", 0, "Error: count must be between 1 and 20, not 0.")]
    [InlineData("vite", 21, "Error: count must be between 1 and 20, not 21.")]
    public async Task Search_BadArguments_AreRefusedWithoutARequest(string query, int? count, string expected)
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("web_search", new { query, count });

        outcome.Text.Should().Be(expected);
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Search_OverlongQuery_IsRefusedWithoutARequest()
    {
        await using var server = await FakeBraveSearchServer.StartAsync();
        await using var tools = await HarnessAsync(server);

        var outcome = await tools.InvokeAsync("web_search", new { query = new string('a', 401) });

        outcome.Text.Should().Be("Error: query is 401 characters long; at most 400 are allowed.");
        server.Requests.Should().BeEmpty();
    }

    [Fact]
    public void AddBraveWebSearch_WithoutAKey_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddAppBuilderCore().AddBraveWebSearch(o => o.Endpoint = new Uri("http://127.0.0.1:9/"));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<BraveWebSearchOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("ApiKey");
    }

    [Fact]
    public void AddBraveWebSearch_CalledTwice_RegistersOneProvider()
    {
        var services = new ServiceCollection();
        var builder = services.AddAppBuilderCore();
        builder.AddBraveWebSearch(o => o.ApiKey = "a").AddBraveWebSearch(o => o.SafeSearch = "strict");
        using var provider = services.BuildServiceProvider();

        services.Count(d => d.ServiceType == typeof(IWebSearchProvider)).Should().Be(1);
        provider.GetRequiredService<IOptions<BraveWebSearchOptions>>().Value.Should()
            .Match<BraveWebSearchOptions>(o => o.ApiKey == "a" && o.SafeSearch == "strict");
    }
}
