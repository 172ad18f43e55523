using System.Text;
using System.Text.Json;
using AppBuilder.Agent.Diagnostics;
using AppBuilder.Agent.Loop;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Compaction;

/// <summary>
/// Keeps a session's history within <see cref="AgentOptions.ContextTokenBudget"/>. When the estimate is over the
/// budget, the oldest whole turns (so that the rest fits in half the budget; the current turn is always kept) are
/// replaced by one summary message, written by the model through a dedicated request without tools or, when that
/// fails, extracted deterministically; then tool results and long tool-call arguments older than the last step are
/// cut to <see cref="AgentOptions.CompactedToolResultChars"/>.
/// </summary>
internal sealed class HistoryCompactor(ILogger logger)
{
    /// <summary>The key in <see cref="ChatMessage.AdditionalProperties"/> that marks a summary message.</summary>
    public const string SummaryProperty = "appbuilder_summary";

    /// <summary>The first line of every summary message.</summary>
    public const string SummaryHeader = "[Summary of the earlier conversation in this chat; older messages were compacted to save context.]";

    private const int TranscriptMaxChars = 48_000;

    /// <summary>Room for the "dropped" note, so text shortened once is not shortened again.</summary>
    private const int SlackChars = 120;

    private const string SummaryInstructions = """
        You compact the history of a chat between a person and an AI agent that builds a React + Vite + TypeScript +
        Tailwind web app with file and command tools. Write a concise summary (at most 400 words) that lets the agent
        continue the work: what the person asked for and their preferences, decisions made, which files exist or were
        changed and what they do, dependencies added, problems still open, and the state of any todo list. Write plain
        text; do not invent anything that is not in the transcript.
        """;

    public async Task<IReadOnlyList<ChatMessage>?> CompactAsync(IReadOnlyList<ChatMessage> history, IChatClient chat, AgentOptions options,
        string sessionId, CancellationToken cancellationToken)
    {
        var before = TokenEstimator.Estimate(history);
        if (before <= options.ContextTokenBudget)
        {
            return null;
        }

        var cut = ChooseCut(history, options.ContextTokenBudget / 2);
        var protectedFrom = Math.Max(cut, history.Count - 2);
        var kept = new List<ChatMessage>(history.Count - cut + 1);
        var shortened = false;
        for (var i = cut; i < history.Count; i++)
        {
            kept.Add(i >= protectedFrom ? history[i] : Shorten(history[i], options.CompactedToolResultChars, ref shortened));
        }

        if (cut == 0 && !shortened)
        {
            return null;
        }

        var result = new List<ChatMessage>(kept.Count + 1);
        if (cut > 0)
        {
            var older = history.Take(cut).ToList();
            var summary = await SummarizeAsync(older, chat, options, sessionId, cancellationToken).ConfigureAwait(false);
            result.Add(CreateSummaryMessage(summary));
        }

        result.AddRange(kept);
        Log.Compacted(logger, sessionId, history.Count, before, result.Count, TokenEstimator.Estimate(result));
        return result;
    }

    public static bool IsSummary(ChatMessage message) =>
        message.AdditionalProperties?.ContainsKey(SummaryProperty) == true
        || message.Text.StartsWith(SummaryHeader, StringComparison.Ordinal);

    private static ChatMessage CreateSummaryMessage(string summary) =>
        new(ChatRole.User, SummaryHeader + "\n" + summary.Trim())
        {
            AdditionalProperties = new AdditionalPropertiesDictionary { [SummaryProperty] = true },
        };

    /// <summary>The first turn start (a person's message, not a summary) from which the rest fits in <paramref name="targetTokens"/>;
    /// the start of the current turn when nothing smaller fits; 0 when there is nothing before the current turn.</summary>
    private static int ChooseCut(IReadOnlyList<ChatMessage> history, int targetTokens)
    {
        var turnStarts = new List<int>();
        for (var i = 1; i < history.Count; i++)
        {
            if (history[i].Role == ChatRole.User && !IsSummary(history[i]))
            {
                turnStarts.Add(i);
            }
        }

        if (turnStarts.Count == 0)
        {
            return 0;
        }

        var suffixChars = new long[history.Count + 1];
        for (var i = history.Count - 1; i >= 0; i--)
        {
            suffixChars[i] = suffixChars[i + 1] + TokenEstimator.Chars(history[i]);
        }

        foreach (var start in turnStarts)
        {
            if (suffixChars[start] / TokenEstimator.CharsPerToken <= targetTokens)
            {
                return start;
            }
        }

        return turnStarts[^1];
    }

    private async Task<string> SummarizeAsync(IReadOnlyList<ChatMessage> older, IChatClient chat, AgentOptions options, string sessionId,
        CancellationToken cancellationToken)
    {
        try
        {
            List<ChatMessage> request =
            [
                new(ChatRole.System, SummaryInstructions),
                new(ChatRole.User, "Summarise this conversation:\n\n" + RenderTranscript(older)),
            ];
            var response = await chat.GetResponseAsync(request, new ChatOptions { ModelId = options.ModelId, MaxOutputTokens = 1500 },
                cancellationToken).ConfigureAwait(false);
            var text = response.Text.Trim();
            return text.Length > 0 ? text : throw new InvalidOperationException("The model returned an empty summary.");
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Log.SummaryFallback(logger, sessionId, e);
            return ExtractiveSummary.Create(older);
        }
    }

    internal static string RenderTranscript(IReadOnlyList<ChatMessage> messages)
    {
        var sb = new StringBuilder();
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent { Text.Length: > 0 } text:
                        sb.Append(message.Role == ChatRole.User ? "PERSON: " : "AGENT: ").Append(text.Text.Trim()).Append('\n');
                        break;
                    case FunctionCallContent call:
                        sb.Append("AGENT CALLED ").Append(call.Name).Append(' ').Append(ArgumentsJson.Format(call.Arguments, 200)).Append('\n');
                        break;
                    case FunctionResultContent result:
                        sb.Append("RESULT: ").Append(Shorten(ResultText(result.Result), 300, out _)).Append('\n');
                        break;
                }
            }
        }

        if (sb.Length <= TranscriptMaxChars)
        {
            return sb.ToString();
        }

        var half = TranscriptMaxChars / 2;
        return sb.ToString(0, half) + "\n[… middle of the transcript omitted …]\n" + sb.ToString(sb.Length - half, half);
    }

    private static ChatMessage Shorten(ChatMessage message, int maxChars, ref bool shortened)
    {
        var contents = new List<AIContent>(message.Contents.Count);
        var changed = false;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case FunctionResultContent result when ResultText(result.Result) is var text && text.Length > maxChars + SlackChars:
                    contents.Add(new FunctionResultContent(result.CallId, Shorten(text, maxChars, out _)));
                    changed = true;
                    break;
                case FunctionCallContent call when call.Arguments is { } arguments && HasLongString(arguments, maxChars):
                    var copy = new Dictionary<string, object?>(arguments.Count, StringComparer.Ordinal);
                    foreach (var (key, value) in arguments)
                    {
                        copy[key] = AsString(value) is { } s && s.Length > maxChars + SlackChars ? Shorten(s, maxChars, out _) : value;
                    }

                    contents.Add(new FunctionCallContent(call.CallId, call.Name, copy));
                    changed = true;
                    break;
                default:
                    contents.Add(content);
                    break;
            }
        }

        if (!changed)
        {
            return message;
        }

        shortened = true;
        return new ChatMessage(message.Role, contents)
        {
            AuthorName = message.AuthorName,
            CreatedAt = message.CreatedAt,
            MessageId = message.MessageId,
            AdditionalProperties = message.AdditionalProperties,
        };
    }

    private static bool HasLongString(IDictionary<string, object?> arguments, int maxChars) =>
        arguments.Values.Any(v => AsString(v) is { } s && s.Length > maxChars + SlackChars);

    private static string? AsString(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    private static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        _ => result.ToString() ?? "",
    };

    private static string Shorten(string text, int maxChars, out bool shortened)
    {
        shortened = text.Length > maxChars;
        return shortened
            ? string.Concat(text.AsSpan(0, maxChars), $"\n[… {text.Length - maxChars} more characters dropped when the history was compacted]")
            : text;
    }
}
