using System.Net.Http;
using System.Text;
using System.Text.Json;
using AppBuilder.Internal;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// Invokes any <see cref="AIFunction"/> (built-in, host or MCP tool) with the turn's context and turns whatever
/// happens into text for the model: results become text, exceptions become <c>Error: ...</c>. Only cancellation of
/// the turn itself propagates.
/// </summary>
internal static class ToolInvoker
{
    public const string ErrorPrefix = "Error: ";

    public static async Task<ToolOutcome> InvokeAsync(AIFunction tool, IDictionary<string, object?>? arguments,
        AgentToolContext context, IServiceProvider? services, int maxResultChars, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var result = await tool.InvokeAsync(context.CreateArguments(arguments, services), cancellationToken).ConfigureAwait(false);
            var text = ResultToText(result, tool);
            return new ToolOutcome(Truncate(text, maxResultChars), IsErrorText(text));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return new ToolOutcome(Truncate(ErrorPrefix + DescribeException(e, tool.Name), maxResultChars), true);
        }
    }

    public static bool IsErrorText(string text) => text.StartsWith("Error:", StringComparison.Ordinal);

    /// <summary>Whether an exception's message is meant for (or harmless to) the model.</summary>
    public static bool HasSafeMessage(Exception e) => e is AppBuilderException or ArgumentException or IOException
        or UnauthorizedAccessException or InvalidOperationException or NotSupportedException or TimeoutException
        or JsonException or HttpRequestException or FormatException or KeyNotFoundException;

    /// <summary>The message of an exception <see cref="HasSafeMessage"/> accepts, with absolute host paths removed from
    /// file-system errors: those come from whichever sandbox or store ran the operation, and may name its folders.</summary>
    public static string SafeMessage(Exception e) =>
        e is IOException or UnauthorizedAccessException ? HostPaths.Scrub(e.Message) : e.Message;

    public static string DescribeException(Exception e, string toolName) => e switch
    {
        OperationCanceledException => $"the tool '{toolName}' timed out or was cancelled.",
        _ when HasSafeMessage(e) => SafeMessage(e),
        _ => $"the tool '{toolName}' failed unexpectedly ({e.GetType().Name}).",
    };

    public static string Truncate(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars), $"\n[result cut at {maxChars} characters]");

    private static string ResultToText(object? result, AIFunction tool)
    {
        switch (result)
        {
            case null:
                return "Done.";
            case string s:
                return s;
            case JsonElement { ValueKind: JsonValueKind.String } e:
                return e.GetString() ?? "";
            case JsonElement e:
                return e.GetRawText();
            case TextContent t:
                return t.Text;
            case IEnumerable<AIContent> contents:
                var sb = new StringBuilder();
                foreach (var content in contents)
                {
                    sb.Append(content is TextContent tc ? tc.Text : JsonSerializer.Serialize(content, tool.JsonSerializerOptions));
                }

                return sb.ToString();
            default:
                return JsonSerializer.Serialize(result, tool.JsonSerializerOptions);
        }
    }
}
