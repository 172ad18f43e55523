using System.Text;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// Turns a chat turn's events into the lines of text that MCP progress notifications carry, one each: assistant text (its deltas joined
/// and shortened to a cap), tool calls and results, file changes, approvals, checkpoints, errors and the end. Also
/// collects what the tool's result reports: the whole answer, the files changed and the checkpoint.
/// </summary>
internal sealed class TurnProgress(int textCap)
{
    private const int ArgumentsCap = 200;
    private readonly StringBuilder _answer = new();
    private readonly StringBuilder _pendingText = new();
    private readonly List<string> _lines = [];

    public string Answer => _answer.ToString();

    public SortedSet<string> FilesChanged { get; } = new(StringComparer.Ordinal);

    public CheckpointCreatedEvent? Checkpoint { get; private set; }

    public List<ErrorEvent> Errors { get; } = [];

    public DoneEvent? Done { get; private set; }

    /// <summary>Takes the lines gathered since the last call, to be sent in order.</summary>
    public IReadOnlyList<string> TakeLines()
    {
        var lines = _lines.ToArray();
        _lines.Clear();
        return lines;
    }

    public void Add(AgentEvent agentEvent)
    {
        if (agentEvent is TextDeltaEvent text)
        {
            _answer.Append(text.Text);
            _pendingText.Append(text.Text);
            return;
        }

        FlushText();
        switch (agentEvent)
        {
            case ToolCallStartedEvent call:
                Report($"tool_call {call.ToolName} {Shorten(call.Arguments, ArgumentsCap)}");
                break;
            case ToolCallCompletedEvent result:
                Report($"tool_result {result.ToolName}{(result.IsError ? " (error)" : "")}: {result.Summary}");
                break;
            case FileChangedEvent change:
                FilesChanged.Add(change.Path);
                Report(change.OldPath is null
                    ? $"file_change {Kind(change.Kind)} {change.Path}"
                    : $"file_change {Kind(change.Kind)} {change.OldPath} -> {change.Path}");
                break;
            case ApprovalRequestedEvent approval:
                Report($"approval_request {approval.ToolName}: waiting for approval {approval.ApprovalId} in the editor");
                break;
            case ApprovalResolvedEvent resolved:
                Report($"approval_resolved {resolved.ApprovalId}: {(resolved.Approved ? "approved" : "denied")}");
                break;
            case CheckpointCreatedEvent checkpoint:
                Checkpoint = checkpoint;
                Report($"checkpoint {checkpoint.Number} ({checkpoint.FileCount} files)");
                break;
            case ErrorEvent error:
                Errors.Add(error);
                Report($"error {error.Code}: {error.Message}");
                break;
            case DoneEvent done:
                Done = done;
                Report($"done {Reason(done.Reason)} after {done.Steps} steps");
                break;
        }
    }

    /// <summary>Adds a line for the assistant text gathered since the last line, if any.</summary>
    public void FlushText()
    {
        if (_pendingText.Length == 0)
        {
            return;
        }

        var text = _pendingText.ToString().Trim();
        _pendingText.Clear();
        if (text.Length > 0)
        {
            Report("text " + Shorten(text, textCap));
        }
    }

    public static string Reason(TurnEndReason reason) => reason switch
    {
        TurnEndReason.Completed => "completed",
        TurnEndReason.StepBudgetExhausted => "stepBudgetExhausted",
        TurnEndReason.Cancelled => "cancelled",
        _ => "failed",
    };

    private static string Kind(FileChangeKind kind) => kind.ToString().ToLowerInvariant();

    private void Report(string message) => _lines.Add(message);

    private static string Shorten(string text, int cap)
    {
        var oneLine = text.ReplaceLineEndings(" ");
        return oneLine.Length <= cap ? oneLine : oneLine[..(cap - 1)] + "…";
    }
}
