using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AppBuilder.Agent.Tools;

/// <summary><c>todos</c>: replaces the session's todo list and returns it.</summary>
internal sealed class TodosTool(TodoListStore store) : AgentTool(AgentToolNames.Todos,
    "Keep a todo list for multi-step work. Send the whole list each time (it replaces the previous one); mark " +
    "items in_progress while working on them and done when finished. Returns the list.",
    """
    {
      "type": "object",
      "properties": {
        "todos": {
          "type": "array",
          "description": "The complete todo list.",
          "items": {
            "type": "object",
            "properties": {
              "id": { "type": "string" },
              "content": { "type": "string" },
              "status": { "type": "string", "enum": ["pending", "in_progress", "done"] }
            },
            "required": ["id", "content", "status"],
            "additionalProperties": false
          }
        }
      },
      "required": ["todos"],
      "additionalProperties": false
    }
    """)
{
    private const int MaxItems = 100;
    private const int MaxContentChars = 500;
    private static readonly string[] Statuses = ["pending", "in_progress", "done"];

    protected override Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var array = arguments.GetRequiredArray("todos");
        if (array.GetArrayLength() > MaxItems)
        {
            throw new ToolException($"a todo list holds at most {MaxItems} items.");
        }

        var items = new List<TodoItem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in array.EnumerateArray())
        {
            var n = items.Count + 1;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new ToolException($"todo {n} must be an object with id, content and status.");
            }

            var id = ReadString(element, "id", n);
            var content = ReadString(element, "content", n);
            var status = ReadString(element, "status", n);
            if (!Statuses.Contains(status, StringComparer.Ordinal))
            {
                throw new ToolException($"todo {n} has status '{status}'; use pending, in_progress or done.");
            }

            if (!ids.Add(id))
            {
                throw new ToolException($"todo id '{id}' appears twice.");
            }

            items.Add(new TodoItem(id, TextFiles.Shorten(content, MaxContentChars), status));
        }

        store.Set(context.ProjectId, context.SessionId, items);
        return Task.FromResult(Format(items));
    }

    internal static string Format(IReadOnlyList<TodoItem> items)
    {
        if (items.Count == 0)
        {
            return "The todo list is empty.";
        }

        var sb = new StringBuilder();
        var done = items.Count(i => i.Status == "done");
        sb.Append(CultureInfo.InvariantCulture, $"Todo list ({done}/{items.Count} done):\n");
        foreach (var item in items)
        {
            var mark = item.Status switch { "done" => "[x]", "in_progress" => "[~]", _ => "[ ]" };
            sb.Append(mark).Append(' ').Append(item.Id).Append(". ").Append(item.Content).Append(" (").Append(item.Status).Append(")\n");
        }

        return sb.ToString();
    }

    private static string ReadString(JsonElement element, string property, int n)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new ToolException($"todo {n} is missing '{property}'.");
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number when property == "id" => value.GetRawText(),
            _ => throw new ToolException($"todo {n}: '{property}' must be a string."),
        };
        return text.Trim().Length == 0 ? throw new ToolException($"todo {n}: '{property}' is empty.") : text.Trim();
    }
}
