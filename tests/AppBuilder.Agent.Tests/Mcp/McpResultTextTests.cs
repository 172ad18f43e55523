using AppBuilder.Agent.Mcp;
using ModelContextProtocol.Protocol;

namespace AppBuilder.Agent.Tests.Mcp;

public sealed class McpResultTextTests
{
    [Fact]
    public void Format_TextImageAndResourceLink_BecomeTextForTheModel()
    {
        var result = new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = "Here:" },
                ImageContentBlock.FromBytes(new byte[300], "image/png"),
                new ResourceLinkBlock { Uri = "test://static/resource/1", Name = "Resource 1", MimeType = "text/plain", Description = "The first" },
                new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "file:///a.txt", Text = "inline text" } },
            ],
        };

        var text = McpResultText.Format(result, "srv", "tool", 10_000);

        text.Should().Be("Here:\n[image: image/png, 300 bytes (not shown: tool results are text)]\n" +
            "[resource link: Resource 1 <test://static/resource/1>, text/plain — The first]\n[resource <file:///a.txt>]\ninline text");
    }

    [Fact]
    public void Format_ErrorResult_IsAnErrorText()
    {
        var result = new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = "bad input" }] };

        McpResultText.Format(result, "srv", "tool", 10_000)
            .Should().Be("Error: the MCP tool 'tool' of server 'srv' reported an error: bad input");
    }

    [Fact]
    public void Format_HugeText_IsCapped()
    {
        var result = new CallToolResult { Content = [new TextContentBlock { Text = new string('a', 100_000) }] };

        var text = McpResultText.Format(result, "srv", "tool", 1_000);

        text.Length.Should().BeLessThan(1_100);
        text.Should().EndWith("[result cut at 1000 characters]");
    }

    [Fact]
    public void Format_NoContent_UsesStructuredContentOrSaysSo()
    {
        McpResultText.Format(new CallToolResult { Content = [] }, "s", "t", 100).Should().Be("(the tool returned no content)");
        McpResultText.Format(new CallToolResult { Content = [], StructuredContent = System.Text.Json.JsonDocument.Parse("""{"a":1}""").RootElement },
            "s", "t", 100).Should().Be("""{"a":1}""");
    }
}
