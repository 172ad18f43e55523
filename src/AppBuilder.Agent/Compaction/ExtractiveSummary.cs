using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Compaction;

/// <summary>
/// A deterministic summary of older messages, used when the model cannot summarise: the person's requests, the
/// files the agent changed, the dependencies it added, and its last answer.
/// </summary>
internal static class ExtractiveSummary
{
    private const int MaxChars = 6000;
    private const int RequestChars = 400;
    private const int MaxRequests = 12;

    private static readonly HashSet<string> FileArguments = new(StringComparer.Ordinal)
    {
        "file_path", "new_file_path", "destination_file_path", "target_path",
    };

    public static string Create(IReadOnlyList<ChatMessage> messages)
    {
        var requests = new List<string>();
        var files = new SortedSet<string>(StringComparer.Ordinal);
        var dependencies = new SortedSet<string>(StringComparer.Ordinal);
        string? lastAnswer = null;
        foreach (var message in messages)
        {
            if (message.Role == ChatRole.User && message.Text.Trim().Length > 0)
            {
                requests.Add(Shorten(message.Text, RequestChars));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                if (message.Text.Trim().Length > 0)
                {
                    lastAnswer = message.Text;
                }

                foreach (var call in message.Contents.OfType<FunctionCallContent>())
                {
                    Collect(call, files, dependencies);
                }
            }
        }

        var sb = new StringBuilder("(Extractive summary of the earlier conversation.)\n");
        if (requests.Count > 0)
        {
            sb.Append("The person asked, in order:\n");
            if (requests.Count > MaxRequests)
            {
                sb.Append("- … ").Append(requests.Count - MaxRequests).Append(" earlier requests …\n");
            }

            foreach (var request in requests.TakeLast(MaxRequests))
            {
                sb.Append("- ").Append(request).Append('\n');
            }
        }

        if (files.Count > 0)
        {
            sb.Append("Files the agent created or changed: ").AppendJoin(", ", files).Append('\n');
        }

        if (dependencies.Count > 0)
        {
            sb.Append("Dependencies the agent added: ").AppendJoin(", ", dependencies).Append('\n');
        }

        if (lastAnswer is not null)
        {
            sb.Append("The agent's last answer: ").Append(Shorten(lastAnswer, 1000)).Append('\n');
        }

        var text = sb.ToString();
        return text.Length <= MaxChars ? text : text[..MaxChars] + "…";
    }

    private static void Collect(FunctionCallContent call, SortedSet<string> files, SortedSet<string> dependencies)
    {
        if (call.Arguments is null)
        {
            return;
        }

        foreach (var (key, value) in call.Arguments)
        {
            var text = value switch
            {
                string s => s,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                _ => null,
            };
            if (text is null || text.Length > 300)
            {
                continue;
            }

            if (FileArguments.Contains(key) && call.Name != AgentToolNames.View)
            {
                files.Add(text);
            }
            else if (key == "package" && call.Name == AgentToolNames.AddDependency)
            {
                dependencies.Add(text);
            }
        }
    }

    private static string Shorten(string text, int max)
    {
        var flat = text.Trim().ReplaceLineEndings(" ");
        return flat.Length <= max ? flat : flat[..max] + "…";
    }
}
