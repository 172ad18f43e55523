using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace AppBuilder.EndToEnd.Tests.Web;

/// <summary>The web sample's safe defaults, over HTTP against the real host process: the dev account and open
/// registration exist in Development only, and anonymous health says no more than the status in any environment.</summary>
[Trait("Category", "EndToEnd")]
public sealed class WebHostEnvironmentTests
{
    private const string DevEmail = EditorSteps.DevEmail;
    private const string DevPassword = "appbuilder-dev";

    [Fact]
    public async Task Production_NoDevAccountRegistrationClosedAnonymousHealthStatusOnly()
    {
        await using var host = await WebHostProcess.StartAsync(environment: "Production");
        using var client = new HttpClient { BaseAddress = host.BaseUrl };

        var options = await client.GetFromJsonAsync<JsonElement>("/auth/options");
        var register = await client.PostAsJsonAsync("/auth/register", new { email = "new@example.com", password = "long-enough-1" });
        var devLogin = await client.PostAsJsonAsync("/auth/login", new { email = DevEmail, password = DevPassword });
        var health = await client.GetFromJsonAsync<JsonElement>("/api/health");

        options.GetProperty("allowRegistration").GetBoolean().Should().BeFalse();
        register.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        devLogin.StatusCode.Should().Be(HttpStatusCode.Unauthorized, host.Output);
        health.EnumerateObject().Select(p => p.Name).Should().Equal("status");
        host.Output.Should().NotContain("Sign in:").And.NotContain(DevPassword);
    }

    [Fact]
    public async Task Production_RegistrationTurnedOn_CreatesAnAccountThatSeesHealthDetails()
    {
        await using var host = await WebHostProcess.StartAsync(
            new Dictionary<string, string> { ["Accounts:AllowRegistration"] = "true" }, environment: "Production");
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = host.BaseUrl,
        };

        var options = await client.GetFromJsonAsync<JsonElement>("/auth/options");
        var register = await client.PostAsJsonAsync("/auth/register", new { email = "new@example.com", password = "long-enough-1" });
        var health = await client.GetFromJsonAsync<JsonElement>("/api/health");

        options.GetProperty("allowRegistration").GetBoolean().Should().BeTrue();
        register.StatusCode.Should().Be(HttpStatusCode.Created, host.Output);
        health.GetProperty("model").GetProperty("isReplay").GetBoolean().Should().BeTrue();
        health.GetProperty("sandbox").GetString().Should().Be("local");
    }

    [Fact]
    public async Task Production_DevAccountTurnedOn_FailsTheStartNamingTheSetting()
    {
        var start = () => WebHostProcess.StartAsync(
            new Dictionary<string, string> { ["Accounts:DevAccount:Enabled"] = "true" }, environment: "Production");

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("exited during start").And.Contain("Accounts:DevAccount:Enabled");
    }

    [Fact]
    public async Task Development_DevAccountSignsInAndRegistrationIsOpen()
    {
        await using var host = await WebHostProcess.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = host.BaseUrl,
        };

        var options = await client.GetFromJsonAsync<JsonElement>("/auth/options");
        var anonymousHealth = await client.GetFromJsonAsync<JsonElement>("/api/health");
        var devLogin = await client.PostAsJsonAsync("/auth/login", new { email = DevEmail, password = DevPassword });
        var health = await client.GetFromJsonAsync<JsonElement>("/api/health");

        options.GetProperty("allowRegistration").GetBoolean().Should().BeTrue();
        anonymousHealth.EnumerateObject().Select(p => p.Name).Should().Equal("status");
        devLogin.StatusCode.Should().Be(HttpStatusCode.OK, host.Output);
        health.GetProperty("model").GetProperty("provider").GetString().Should().Be("replay");
        host.Output.Should().Contain($"Sign in:   {DevEmail} / {DevPassword}");
    }
}
