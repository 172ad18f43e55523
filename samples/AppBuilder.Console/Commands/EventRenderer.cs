using System.Globalization;
using AppBuilder.Events;
using Spectre.Console;

namespace AppBuilder.ConsoleHost.Commands;

/// <summary>Prints an agent turn as it happens: streamed text, each tool call and its result, file changes, usage.</summary>
internal sealed class EventRenderer
{
    private bool _inText;
    private long _inputTokens;
    private long _outputTokens;
    private long _cachedInputTokens;
    private decimal _cost;
    private int _pricedCalls;
    private int _unpricedCalls;
    private bool _replay;
    private readonly SortedSet<string> _models = new(StringComparer.Ordinal);

    public void Render(AgentEvent agentEvent)
    {
        switch (agentEvent)
        {
            case TextDeltaEvent text:
                if (!_inText)
                {
                    AnsiConsole.Markup("[grey]agent ›[/] ");
                    _inText = true;
                }

                AnsiConsole.Write(new Text(text.Text));
                break;
            case ToolCallStartedEvent call:
                EndText();
                AnsiConsole.MarkupLine($"  [blue]⚙ {Markup.Escape(call.ToolName)}[/] [grey]{Markup.Escape(Shorten(call.Arguments, 100))}[/]");
                break;
            case ToolCallCompletedEvent done:
                EndText();
                AnsiConsole.MarkupLine(done.IsError
                    ? $"    [red]✗ {Markup.Escape(Shorten(done.Summary, 160))}[/]"
                    : $"    [green]✓[/] [grey]{Markup.Escape(Shorten(done.Summary, 160))} ({done.Duration.TotalMilliseconds:0} ms)[/]");
                break;
            case FileChangedEvent file:
                EndText();
                var change = file.OldPath is null ? file.Path : $"{file.OldPath} → {file.Path}";
                AnsiConsole.MarkupLine($"    [yellow]~ {file.Kind.ToString().ToLowerInvariant()} {Markup.Escape(change)}[/]");
                break;
            case TerminalOutputEvent terminal:
                EndText();
                foreach (var line in terminal.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(8))
                {
                    AnsiConsole.MarkupLine($"    [grey]│ {Markup.Escape(Shorten(line.TrimEnd(), 140))}[/]");
                }

                break;
            case UsageEvent usage:
                _inputTokens += usage.InputTokens;
                _outputTokens += usage.OutputTokens;
                _cachedInputTokens += usage.CachedInputTokens;
                _replay |= usage.Provider == "replay";
                if (usage.ModelId is { } model)
                {
                    _models.Add(model);
                }

                if (usage.Cost is { } cost)
                {
                    _cost += cost;
                    _pricedCalls++;
                }
                else
                {
                    _unpricedCalls++;
                }

                break;
            case CheckpointCreatedEvent checkpoint:
                EndText();
                AnsiConsole.MarkupLine($"  [grey]checkpoint {checkpoint.Number} saved ({checkpoint.FileCount} files)[/]");
                break;
            case ErrorEvent error:
                EndText();
                AnsiConsole.MarkupLine($"[red]error ({Markup.Escape(error.Code)}):[/] {Markup.Escape(error.Message)}");
                break;
            case DoneEvent done:
                EndText();
                AnsiConsole.MarkupLine($"[grey]turn {done.Reason.ToString().ToLowerInvariant()} after {done.Steps} model call(s); " +
                    $"{Markup.Escape(UsageSummary())}[/]");
                break;
        }
    }

    /// <summary>The turn's tokens and cost: "cost unknown" when no call had a price (never a made-up $0).</summary>
    internal string UsageSummary()
    {
        if (_pricedCalls + _unpricedCalls == 0)
        {
            return "the model reported no token usage";
        }

        var cached = _cachedInputTokens > 0 ? $" ({_cachedInputTokens:N0} cached)" : "";
        var models = _models.Count > 0 ? " for " + string.Join(", ", _models) : "";
        var cost = _pricedCalls == 0
            ? $"cost unknown (no price configured{models})"
            : "cost $" + _cost.ToString(_cost < 1 ? "0.0000##" : "0.00", CultureInfo.InvariantCulture)
                + (_unpricedCalls > 0 ? $" + {_unpricedCalls} unpriced call(s)" : "");
        return $"tokens in {_inputTokens:N0}{cached}, out {_outputTokens:N0}; {cost}" + (_replay ? " (replay model)" : "");
    }

    private void EndText()
    {
        if (_inText)
        {
            AnsiConsole.WriteLine();
            _inText = false;
        }
    }

    private static string Shorten(string value, int max)
    {
        var flat = value.Replace('\n', ' ').Replace('\r', ' ');
        return flat.Length <= max ? flat : flat[..(max - 1)] + "…";
    }
}
