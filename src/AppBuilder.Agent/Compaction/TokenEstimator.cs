using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Compaction;

/// <summary>
/// Estimates the tokens of chat messages without a tokenizer: characters / 4 (a common rule of thumb for English
/// and code with BPE tokenizers), plus a small overhead per message. It decides when to compact, nothing more.
/// </summary>
internal static class TokenEstimator
{
    public const int CharsPerToken = 4;
    private const int MessageOverheadChars = 16;
    private const int OtherContentChars = 200;

    public static int Estimate(IEnumerable<ChatMessage> messages)
    {
        long chars = 0;
        foreach (var message in messages)
        {
            chars += Chars(message);
        }

        return (int)Math.Min(int.MaxValue, (chars + CharsPerToken - 1) / CharsPerToken);
    }

    public static long Chars(ChatMessage message)
    {
        long chars = MessageOverheadChars;
        foreach (var content in message.Contents)
        {
            chars += content switch
            {
                TextContent t => t.Text.Length,
                TextReasoningContent r => r.Text.Length,
                FunctionCallContent c => c.Name.Length + ArgumentChars(c.Arguments),
                FunctionResultContent r => ResultChars(r.Result),
                _ => OtherContentChars,
            };
        }

        return chars;
    }

    private static long ArgumentChars(IDictionary<string, object?>? arguments)
    {
        if (arguments is null)
        {
            return 2;
        }

        long chars = 2;
        foreach (var (key, value) in arguments)
        {
            chars += key.Length + 4 + ValueChars(value);
        }

        return chars;
    }

    private static long ResultChars(object? result) => ValueChars(result);

    private static long ValueChars(object? value) => value switch
    {
        null => 4,
        string s => s.Length + 2,
        JsonElement { ValueKind: JsonValueKind.String } e => (e.GetString()?.Length ?? 0) + 2,
        JsonElement e => e.GetRawText().Length,
        _ => value.ToString()?.Length ?? 4,
    };
}
