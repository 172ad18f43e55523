using System.Globalization;
using System.Text;
using AppBuilder.Events;
using AppBuilder.Sandboxes;

namespace AppBuilder.Agent.Tools;

/// <summary>Runs an npm command (argv, never a shell string) and reports its output as terminal events.</summary>
internal static class NpmRunner
{
    public static async Task<string> RunAsync(AgentToolContext context, IReadOnlyList<string> command, TimeSpan timeout,
        int maxOutputChars, string successMessage, CancellationToken cancellationToken)
    {
        var source = string.Join(' ', command.Take(2));
        var spec = new ProcessSpec { Command = command, Timeout = timeout };
        var result = await context.Sandbox.Processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var output = Combine(result);
        if (output.Length > 0)
        {
            context.Emit(new TerminalOutputEvent(TextFiles.HeadAndTail(output, maxOutputChars), source));
        }

        var tail = TextFiles.HeadAndTail(output.Trim(), Math.Min(maxOutputChars, 4000));
        if (result.TimedOut)
        {
            throw new ToolException(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(' ', command)} timed out after {timeout.TotalSeconds:0} seconds.\n{tail}"));
        }

        if (result.ExitCode != 0)
        {
            throw new ToolException(string.Create(CultureInfo.InvariantCulture,
                $"{string.Join(' ', command)} failed with exit code {result.ExitCode}.\n{tail}"));
        }

        return tail.Length == 0 ? successMessage : successMessage + "\n" + tail;
    }

    private static string Combine(ProcessResult result)
    {
        var sb = new StringBuilder();
        sb.Append(result.StandardOutput.TrimEnd());
        if (result.StandardError.Trim().Length > 0)
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(result.StandardError.TrimEnd());
        }

        if (result.OutputTruncated)
        {
            sb.Append("\n[output truncated]");
        }

        return sb.ToString();
    }
}
