using AppBuilder.AspNetCore.Preview;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Tests.Preview;

public sealed class PreviewOriginTemplateTests
{
    private static HttpRequest Request(string scheme, string host)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        return context.Request;
    }

    [Theory]
    [InlineData("http", "127.0.0.1:5080", "http://abc.preview.localhost:5080")]
    [InlineData("http", "localhost:41234", "http://abc.preview.localhost:41234")]
    [InlineData("https", "editor.example.com", "https://abc.preview.localhost")]
    [InlineData("https", "editor.example.com:8443", "https://abc.preview.localhost:8443")]
    public void Default_UsesTheEditorRequestsSchemeAndPort(string scheme, string host, string expected)
    {
        new PreviewOriginTemplate((string?)null).OriginFor("abc", Request(scheme, host)).Should().Be(expected);
    }

    [Theory]
    [InlineData("https://{projectId}.preview.example.com", "https://abc.preview.example.com")]
    [InlineData("https://{projectId}.example-preview.net:8443", "https://abc.example-preview.net:8443")]
    [InlineData("http://{projectId}.preview.test:{port}", "http://abc.preview.test:5080")]
    [InlineData("HTTPS://{projectId}.Preview.Example.com/", "https://abc.preview.example.com")]
    public void Configured_BuildsTheOriginFromTheTemplate(string template, string expected)
    {
        new PreviewOriginTemplate(template).OriginFor("abc", Request("http", "127.0.0.1:5080")).Should().Be(expected);
    }

    [Theory]
    [InlineData("ABC")]
    [InlineData("a_b")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("")]
    public void OriginFor_IdThatIsNoHostLabel_IsNull(string id)
    {
        new PreviewOriginTemplate((string?)null).OriginFor(id, Request("http", "127.0.0.1:5080")).Should().BeNull();
    }

    [Theory]
    [InlineData(null, "abc.preview.localhost:5080", "abc")]
    [InlineData(null, "ABC.Preview.LocalHost:1", "abc")]
    [InlineData(null, "abc.preview.localhost", "abc")]
    [InlineData(null, "a.b.preview.localhost:5080", "a.b")]
    [InlineData(null, "preview.localhost:5080", null)]
    [InlineData(null, ".preview.localhost:5080", null)]
    [InlineData(null, "abcpreview.localhost:5080", null)]
    [InlineData(null, "abc.preview.localhost.evil.com", null)]
    [InlineData(null, "127.0.0.1:5080", null)]
    [InlineData("https://{projectId}.preview.example.com:8443", "abc.preview.example.com:8443", "abc")]
    [InlineData("https://{projectId}.preview.example.com:8443", "abc.preview.example.com:443", null)]
    [InlineData("https://{projectId}.preview.example.com:8443", "abc.preview.example.com", null)]
    [InlineData("https://{projectId}.preview.example.com", "abc.preview.example.com", "abc")]
    public void TryGetProjectId_MatchesTheHostAgainstTheTemplate(string? template, string host, string? expected)
    {
        var matched = new PreviewOriginTemplate(template).TryGetProjectId(Request("http", host), out var projectId);

        matched.Should().Be(expected is not null);
        projectId.Should().Be(expected);
    }

    [Theory]
    [InlineData("0123456789abcdef", true)]
    [InlineData("a", true)]
    [InlineData("a-b", true)]
    [InlineData("a.b", false)]
    [InlineData("Abc", false)]
    [InlineData("a_b", false)]
    [InlineData("-a", false)]
    [InlineData(null, false)]
    public void IsValidLabel_AcceptsLowercaseDnsLabelsOnly(string? id, bool expected)
    {
        PreviewOriginTemplate.IsValidLabel(id).Should().Be(expected);
        PreviewOriginTemplate.IsValidLabel(new string('a', 63)).Should().BeTrue();
        PreviewOriginTemplate.IsValidLabel(new string('a', 64)).Should().BeFalse();
    }

    [Fact]
    public void NewStorageIds_AreAlwaysValidLabels()
    {
        Enumerable.Range(0, 200).Select(_ => AppBuilder.Storage.StorageId.New()).Should().OnlyContain(id => PreviewOriginTemplate.IsValidLabel(id));
    }

    [Theory]
    [InlineData("http://preview.example.com")]
    [InlineData("http://x{projectId}.example.com")]
    [InlineData("ftp://{projectId}.example.com")]
    [InlineData("https://{projectId}.example.com/path")]
    [InlineData("https://user@{projectId}.example.com")]
    [InlineData("https://{projectId}.example.com:99999")]
    [InlineData("{scheme}://{projectId}.example.com:8443")]
    [InlineData("https://{projectId}")]
    public void TryParse_RejectsMalformedTemplates(string template)
    {
        PreviewOriginTemplate.TryParse(template, out _, out _, out _, out _, out var error).Should().BeFalse();
        error.Should().Contain("OriginTemplate");
    }

    [Fact]
    public void HostPattern_NamesTheSuffixAndAFixedPortOnly()
    {
        new PreviewOriginTemplate((string?)null).HostPattern.Should().Be("*.preview.localhost");
        new PreviewOriginTemplate("https://{projectId}.p.example.com:8443").HostPattern.Should().Be("*.p.example.com:8443");
    }
}
