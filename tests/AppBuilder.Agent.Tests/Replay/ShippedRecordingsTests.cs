using System.Text.Json;
using AppBuilder.Agent.Replay;

namespace AppBuilder.Agent.Tests.Replay;

/// <summary>
/// Checks the recordings shipped inside AppBuilder.Agent against the brief's tool contract, and simulates their file
/// edits so every <c>line_replace</c> is known to match — except the deliberate failures, which must be recovered.
/// </summary>
public sealed class ShippedRecordingsTests
{
    // The agent's tools as the model sees them: name -> (required arguments with JSON kinds, optional arguments).
    private static readonly Dictionary<string, (Dictionary<string, JsonValueKind> Required, Dictionary<string, JsonValueKind> Optional)> Tools = new()
    {
        ["write"] = (Args(("file_path", JsonValueKind.String), ("content", JsonValueKind.String)), Args()),
        ["view"] = (Args(("file_path", JsonValueKind.String)), Args(("lines", JsonValueKind.String))),
        ["line_replace"] = (Args(("file_path", JsonValueKind.String), ("search", JsonValueKind.String),
            ("first_replaced_line", JsonValueKind.Number), ("last_replaced_line", JsonValueKind.Number),
            ("replace", JsonValueKind.String)), Args()),
        ["search_files"] = (Args(("query", JsonValueKind.String)), Args(("include_pattern", JsonValueKind.String),
            ("exclude_pattern", JsonValueKind.String), ("case_sensitive", JsonValueKind.True))),
        ["delete"] = (Args(("file_path", JsonValueKind.String)), Args()),
        ["rename"] = (Args(("original_file_path", JsonValueKind.String), ("new_file_path", JsonValueKind.String)), Args()),
        ["copy"] = (Args(("source_file_path", JsonValueKind.String), ("destination_file_path", JsonValueKind.String)), Args()),
        ["add_dependency"] = (Args(("package", JsonValueKind.String)), Args()),
        ["remove_dependency"] = (Args(("package", JsonValueKind.String)), Args()),
        ["download_to_repo"] = (Args(("source_url", JsonValueKind.String), ("target_path", JsonValueKind.String)), Args()),
        ["run_command"] = (Args(("command", JsonValueKind.Array)), Args(("timeout_seconds", JsonValueKind.Number))),
        ["read_console_logs"] = (Args(), Args(("search", JsonValueKind.String))),
        ["read_network_requests"] = (Args(), Args(("search", JsonValueKind.String))),
        ["todos"] = (Args(("todos", JsonValueKind.Array)), Args()),
    };

    public static TheoryData<string> ShippedIds() => [.. ReplayLibrary.LoadBuiltIn().Select(r => r.Id)];

    [Fact]
    public void LoadBuiltIn_ShipsTodoAppAndLandingPage()
    {
        ReplayLibrary.LoadBuiltIn().Select(r => r.Id).Should().Contain(["todo-app", "landing-page"]);
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void ShippedRecording_Metadata_SaysPlainlyItIsHandWritten(string id)
    {
        var recording = Load(id);

        recording.Metadata.Source.Should().Be("hand-written");
        recording.Metadata.Note.Should().Be("Written by hand in the recording format; no model was reachable when AppBuilder shipped.");
        recording.Turns.Should().HaveCountGreaterThanOrEqualTo(2);
        recording.Turns.Should().OnlyContain(t => t.Steps.Last().ToolCalls.Count == 0, "a turn ends with an answer, not a tool call");
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void ShippedRecording_EveryToolCall_UsesABriefToolWithItsRequiredArguments(string id)
    {
        foreach (var call in Load(id).Turns.SelectMany(t => t.Steps).SelectMany(s => s.ToolCalls))
        {
            Tools.Should().ContainKey(call.Name, $"call {call.Id} must use one of the agent's tools");
            var (required, optional) = Tools[call.Name];
            foreach (var (name, kind) in required)
            {
                call.Arguments.TryGetProperty(name, out var value).Should().BeTrue($"call {call.Id} ({call.Name}) needs '{name}'");
                Kind(value).Should().Be(kind, $"call {call.Id}: '{name}' has the wrong type");
            }
            foreach (var property in call.Arguments.EnumerateObject())
            {
                (required.ContainsKey(property.Name) || optional.ContainsKey(property.Name)).Should()
                    .BeTrue($"call {call.Id} ({call.Name}) has unknown argument '{property.Name}'");
                if (optional.TryGetValue(property.Name, out var kind))
                {
                    Kind(property.Value).Should().Be(kind, $"call {call.Id}: '{property.Name}' has the wrong type");
                }
            }
            if (call.Name == "todos")
            {
                call.Arguments.GetProperty("todos").EnumerateArray().Should().OnlyContain(t =>
                    t.GetProperty("id").ValueKind == JsonValueKind.String
                    && t.GetProperty("content").ValueKind == JsonValueKind.String
                    && new[] { "pending", "in_progress", "done" }.Contains(t.GetProperty("status").GetString()));
            }
        }
    }

    [Fact]
    public void ShippedRecordings_Together_UseMostTools()
    {
        var used = ReplayLibrary.LoadBuiltIn().SelectMany(r => r.Turns).SelectMany(t => t.Steps)
            .SelectMany(s => s.ToolCalls).Select(c => c.Name).ToHashSet();

        used.Should().Contain(["write", "view", "line_replace", "search_files", "rename", "copy", "delete",
            "add_dependency", "run_command", "read_console_logs", "todos"]);
    }

    [Theory]
    [MemberData(nameof(ShippedIds))]
    public void ShippedRecording_Simulated_EditsMatchOrFailuresAreRecovered(string id)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var failures = 0;
        foreach (var turn in Load(id).Turns)
        {
            string? pendingFailure = null;
            foreach (var call in turn.Steps.SelectMany(s => s.ToolCalls))
            {
                var args = call.Arguments;
                string Arg(string name) => args.GetProperty(name).GetString()!;
                switch (call.Name)
                {
                    case "write":
                        files[Arg("file_path")] = Arg("content");
                        break;
                    case "rename":
                        files.Should().ContainKey(Arg("original_file_path"));
                        files[Arg("new_file_path")] = files[Arg("original_file_path")];
                        files.Remove(Arg("original_file_path"));
                        break;
                    case "copy":
                        files.Should().ContainKey(Arg("source_file_path"));
                        files[Arg("destination_file_path")] = files[Arg("source_file_path")];
                        break;
                    case "delete":
                        files.Remove(Arg("file_path")).Should().BeTrue($"{call.Id} deletes a file the recording wrote");
                        break;
                    case "view" when pendingFailure == Arg("file_path"):
                        pendingFailure = $"viewed:{pendingFailure}";
                        break;
                    case "line_replace":
                        var path = Arg("file_path");
                        files.Should().ContainKey(path, $"{call.Id} edits a file the recording wrote");
                        var lines = files[path].Split('\n').ToList();
                        var first = args.GetProperty("first_replaced_line").GetInt32();
                        var last = args.GetProperty("last_replaced_line").GetInt32();
                        var current = first >= 1 && last >= first && last <= lines.Count
                            ? string.Join('\n', lines.Skip(first - 1).Take(last - first + 1))
                            : null;
                        if (current != Arg("search"))
                        {
                            pendingFailure.Should().BeNull($"{call.Id} fails while an earlier failure is unrecovered");
                            files[path].Should().NotContain(Arg("search"), $"{call.Id}'s search must fail with any matching rule");
                            pendingFailure = path;
                            failures++;
                            break;
                        }
                        if (pendingFailure == $"viewed:{path}")
                        {
                            pendingFailure = null;
                        }
                        lines.RemoveRange(first - 1, last - first + 1);
                        lines.InsertRange(first - 1, Arg("replace").Split('\n'));
                        files[path] = string.Join('\n', lines);
                        break;
                }
            }
            pendingFailure.Should().BeNull("a failed edit must be followed by a view of the file and a matching retry");
        }

        if (id == "todo-app")
        {
            failures.Should().BeGreaterThan(0, "the todo recording shows the model recovering from a failed edit");
        }
        files.Should().ContainKey("src/App.tsx").WhoseValue.Should().Contain("export default function App");
        files.Should().ContainKey("index.html").WhoseValue.Should().Contain("<div id=\"root\"></div>")
            .And.Contain("src=\"/src/main.tsx\"").And.MatchRegex("<title>[^<]+— AppBuilder demo</title>");
    }

    private static ReplayRecording Load(string id) => ReplayLibrary.LoadBuiltIn().Single(r => r.Id == id);

    private static JsonValueKind Kind(JsonElement value) => value.ValueKind == JsonValueKind.False ? JsonValueKind.True : value.ValueKind;

    private static Dictionary<string, JsonValueKind> Args(params (string Name, JsonValueKind Kind)[] args) =>
        args.ToDictionary(a => a.Name, a => a.Kind);
}
