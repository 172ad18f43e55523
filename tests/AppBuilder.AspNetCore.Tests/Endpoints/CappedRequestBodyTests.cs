using System.Net;
using System.Text;
using AppBuilder.AspNetCore.Tests.TestHost;
using AppBuilder.Logs;

namespace AppBuilder.AspNetCore.Tests.Endpoints;

/// <summary>The endpoints that take a raw body (file saves, browser log batches) cap it whether or not the client
/// declares its length: a chunked body over the cap is refused with 413 and changes nothing.</summary>
public sealed class CappedRequestBodyTests
{
    [Theory]
    [InlineData(10, HttpStatusCode.NoContent)]
    [InlineData(11, HttpStatusCode.RequestEntityTooLarge)]
    public async Task FileWrite_ChunkedBody_CappedAtMaxFileBytes(int length, HttpStatusCode expected)
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:AspNetCore:MaxFileBytes"] = "10";
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        (await client.PostAsync($"/api/projects/{id}/open", null)).EnsureSuccessStatusCode();

        var put = await client.PutAsync($"/api/projects/{id}/files/content?path=big.txt", Chunked(new string('x', length)));

        put.StatusCode.Should().Be(expected);
        host.Workspaces.SandboxOf(id).FileSystem.MutationCount.Should().Be(expected == HttpStatusCode.NoContent ? 1 : 0);
    }

    [Fact]
    public async Task Logs_ChunkedBodyOverMaxLogRequestBytes_Returns413AndAppendsNothing()
    {
        await using var host = new AppBuilderTestHost();
        host.Settings["AppBuilder:AspNetCore:MaxLogRequestBytes"] = "1024";
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");
        var batch = $$"""[{"kind":"console","level":"error","message":"{{new string('x', 1100)}}"}]""";

        var response = await client.PostAsync($"/api/projects/{id}/logs", Chunked(batch));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        host.Logs.Read(id, ProjectLogKind.Console).Should().BeEmpty();
    }

    [Fact]
    public async Task Logs_ChunkedBodyUnderTheCap_IsRead()
    {
        await using var host = new AppBuilderTestHost();
        var (id, _) = await host.CreateProjectAsync("alice");
        using var client = host.ClientFor("alice");

        var response = await client.PostAsync($"/api/projects/{id}/logs",
            Chunked("""[{"kind":"console","level":"warn","message":"careful"}]"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        host.Logs.Read(id, ProjectLogKind.Console).Should().ContainSingle().Which.Message.Should().Be("careful");
    }

    /// <summary>A body without Content-Length: the stream cannot tell its length, so the client sends it chunked.</summary>
    private static HttpContent Chunked(string text)
    {
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        return content;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
