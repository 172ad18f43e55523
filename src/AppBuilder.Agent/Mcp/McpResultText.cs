using System.Globalization;
using System.Text;
using AppBuilder.Agent.Tools;
using ModelContextProtocol.Protocol;

namespace AppBuilder.Agent.Mcp;

/// <summary>Turns an MCP tool result into the text the model reads: text as is, images, audio and binary resources
/// described (the model's tool results are text), resource links and embedded text resources inlined, a result the
/// server marked as an error as <c>Error: ...</c>. The text is capped at the turn's tool-result size.</summary>
internal static class McpResultText
{
    public static string Format(CallToolResult result, string server, string tool, int maxChars)
    {
        var sb = new StringBuilder();
        foreach (var block in result.Content ?? [])
        {
            if (sb.Length > maxChars)
            {
                break;
            }

            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            Append(sb, block, maxChars);
        }

        if (sb.Length == 0 && result.StructuredContent is { } structured)
        {
            sb.Append(TextFiles.Shorten(structured.GetRawText(), maxChars));
        }

        var text = sb.Length == 0 ? "(the tool returned no content)" : sb.ToString();
        if (result.IsError == true)
        {
            text = $"{ToolInvoker.ErrorPrefix}the MCP tool '{tool}' of server '{server}' reported an error: {text}";
        }

        return ToolInvoker.Truncate(text, maxChars);
    }

    private static void Append(StringBuilder sb, ContentBlock block, int maxChars)
    {
        switch (block)
        {
            case TextContentBlock text:
                sb.Append(text.Text.Length > maxChars ? text.Text.AsSpan(0, maxChars + 1) : text.Text);
                break;
            case ImageContentBlock image:
                sb.Append(CultureInfo.InvariantCulture, $"[image: {Safe(image.MimeType)}, {DecodedLength(image.Data.Length)} bytes (not shown: tool results are text)]");
                break;
            case AudioContentBlock audio:
                sb.Append(CultureInfo.InvariantCulture, $"[audio: {Safe(audio.MimeType)}, {DecodedLength(audio.Data.Length)} bytes (not shown: tool results are text)]");
                break;
            case ResourceLinkBlock link:
                sb.Append(CultureInfo.InvariantCulture, $"[resource link: {Safe(link.Name)} <{Safe(link.Uri)}>");
                if (link.MimeType is { } mime)
                {
                    sb.Append(", ").Append(Safe(mime));
                }

                if (!string.IsNullOrWhiteSpace(link.Description))
                {
                    sb.Append(" — ").Append(TextFiles.Shorten(link.Description, 300));
                }

                sb.Append(']');
                break;
            case EmbeddedResourceBlock { Resource: TextResourceContents text }:
                sb.Append(CultureInfo.InvariantCulture, $"[resource <{Safe(text.Uri)}>]\n");
                sb.Append(text.Text.Length > maxChars ? text.Text.AsSpan(0, maxChars + 1) : text.Text);
                break;
            case EmbeddedResourceBlock { Resource: BlobResourceContents blob }:
                sb.Append(CultureInfo.InvariantCulture, $"[resource <{Safe(blob.Uri)}>: {Safe(blob.MimeType ?? "binary")}, {DecodedLength(blob.Blob.Length)} bytes (not shown)]");
                break;
            default:
                sb.Append(CultureInfo.InvariantCulture, $"[{Safe(block.Type)} content (not shown)]");
                break;
        }
    }

    private static long DecodedLength(int base64Length) => base64Length / 4L * 3;

    private static string Safe(string? value) => TextFiles.Shorten((value ?? "").ReplaceLineEndings(" "), 200);
}
