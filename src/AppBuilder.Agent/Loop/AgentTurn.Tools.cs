using AppBuilder.Agent.Diagnostics;
using AppBuilder.Agent.Tools;
using AppBuilder.Events;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AppBuilder.Agent.Loop;

internal sealed partial class AgentTurn
{
    private const int EventArgumentChars = 300;
    private const int SummaryChars = 160;

    /// <summary>Runs one tool call (after approval, in supervised mode) and returns its result for the model.</summary>
    private async Task<FunctionResultContent> ExecuteToolCallAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        using var activity = StartExecuteToolActivity(call);
        Emit(new ToolCallStartedEvent(call.CallId, call.Name, ArgumentsJson.Format(call.Arguments, EventArgumentChars)));
        if (_runner.Logger.IsEnabled(LogLevel.Trace))
        {
            Log.ToolArguments(_runner.Logger, call.Name, call.CallId, ArgumentsJson.Format(call.Arguments));
        }
        var started = _runner.Time.GetTimestamp();

        var (outcome, errorType) = await DecideAndInvokeAsync(call, cancellationToken).ConfigureAwait(false);

        var elapsed = _runner.Time.GetElapsedTime(started);
        Emit(new ToolCallCompletedEvent(call.CallId, call.Name, outcome.IsError, Summarize(outcome.Text), elapsed));
        Log.ToolCompleted(_runner.Logger, call.Name, call.CallId, elapsed.TotalMilliseconds, outcome.IsError);
        EndExecuteToolActivity(activity, call, outcome.IsError ? errorType ?? ToolErrorTypes.ToolError : null, elapsed);

        return new FunctionResultContent(call.CallId, outcome.Text);
    }

    /// <summary>Checks, asks for approval, runs the tool; returns its outcome and, for a failure before the tool ran,
    /// the <c>error.type</c> that tells why.</summary>
    private async Task<(ToolOutcome Outcome, string? ErrorType)> DecideAndInvokeAsync(FunctionCallContent call,
        CancellationToken cancellationToken)
    {
        if (call.Exception is not null)
        {
            return (Error($"the arguments of this '{call.Name}' call are not valid JSON ({TextFiles.Shorten(call.Exception.Message, 200)}). " +
                "Send a JSON object that matches the tool's schema."), ToolErrorTypes.InvalidArguments);
        }

        if (!_tools.TryGetValue(call.Name, out var tool))
        {
            return (Error($"there is no tool named '{TextFiles.Shorten(call.Name, 100)}'. The tools are: {string.Join(", ", _tools.Keys)}."),
                ToolErrorTypes.UnknownTool);
        }

        if (_request.Supervised && RequiresApproval(tool))
        {
            var denial = await RequestApprovalAsync(call, cancellationToken).ConfigureAwait(false);
            if (denial is not null)
            {
                return (Error(denial), ToolErrorTypes.ApprovalDenied);
            }
        }

        try
        {
            return (await ToolInvoker.InvokeAsync(tool, call.Arguments, _toolContext, _runner.Services, _options.MaxToolResultChars,
                cancellationToken).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
    }

    /// <summary>Asks the approval gate; returns <see langword="null"/> when approved, else the reason for the denial.</summary>
    private async Task<string?> RequestApprovalAsync(FunctionCallContent call, CancellationToken cancellationToken)
    {
        var request = new ApprovalRequestedEvent(Guid.NewGuid().ToString("N"), call.CallId, call.Name, ArgumentsJson.Format(call.Arguments))
        {
            Timestamp = _runner.Time.GetUtcNow(),
        };
        Emit(request);
        var gate = _runner.ApprovalGate;
        bool approved;
        string denial = "the user denied this action.";
        if (gate is null)
        {
            Log.NoApprovalGate(_runner.Logger, call.Name);
            approved = false;
            denial = "this action needs the user's approval (supervised mode), but the host has no approval gate " +
                "(IToolApprovalGate) registered, so it was denied.";
        }
        else
        {
            try
            {
                approved = await gate.WaitForApprovalAsync(request, _request.ProjectId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                Emit(new ApprovalResolvedEvent(request.ApprovalId, false));
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception e)
            {
                Log.ToolThrew(_runner.Logger, call.Name, call.CallId, e);
                approved = false;
                denial = "the approval could not be obtained, so the action was denied.";
            }
        }

        Emit(new ApprovalResolvedEvent(request.ApprovalId, approved));
        Log.ApprovalResolved(_runner.Logger, call.Name, call.CallId, request.ApprovalId, approved);
        return approved ? null : denial;
    }

    private static bool RequiresApproval(AIFunction tool) =>
        tool is AgentTool { RequiresApproval: true }
        || AgentToolNames.ApprovalRequired.Contains(tool.Name)
        || tool.GetService(typeof(ApprovalRequiredAIFunction)) is not null;

    /// <summary>The <c>error.type</c> values of a failed <c>execute_tool</c> span.</summary>
    private static class ToolErrorTypes
    {
        public const string ToolError = "tool_error";
        public const string InvalidArguments = "invalid_arguments";
        public const string UnknownTool = "unknown_tool";
        public const string ApprovalDenied = "approval_denied";
    }

    private static ToolOutcome Error(string message) => new(ToolInvoker.ErrorPrefix + message, true);

    private static string Summarize(string text)
    {
        var firstLine = text.AsSpan().Trim();
        var newline = firstLine.IndexOf('\n');
        if (newline >= 0)
        {
            firstLine = firstLine[..newline].TrimEnd();
        }

        return TextFiles.Shorten(firstLine.ToString(), SummaryChars);
    }
}
