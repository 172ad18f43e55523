using System.Globalization;
using System.Text;
using AppBuilder.Events;
using AppBuilder.Sandboxes;
using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// <c>run_command</c>: runs an argument vector in the sandbox (never through a shell string) with a timeout and an
/// output cap; a non-zero exit code or a timeout is reported as an error result with the output.
/// </summary>
internal sealed class RunCommandTool(IOptions<AgentOptions> options) : AgentTool(AgentToolNames.RunCommand,
    "Run a command in the project folder and wait for it to finish, e.g. [\"npx\", \"tsc\", \"--noEmit\"] to " +
    "type-check or [\"npm\", \"run\", \"build\"]. The command is an argument list, not a shell string: pipes, " +
    "redirects and && do not work. Do not start the dev server or anything else that never exits; the host runs " +
    "the dev server. Output is cut when long.",
    """
    {
      "type": "object",
      "properties": {
        "command": {
          "type": "array",
          "items": { "type": "string" },
          "minItems": 1,
          "description": "Program and arguments, e.g. [\"npx\", \"tsc\", \"--noEmit\"]."
        },
        "timeout_seconds": { "type": "integer", "minimum": 1, "description": "Optional timeout in seconds." }
      },
      "required": ["command"],
      "additionalProperties": false
    }
    """)
{
    private const int MaxArguments = 256;

    protected override async Task<string> ExecuteAsync(ToolArguments arguments, AgentToolContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var command = arguments.GetRequiredStringArray("command");
        Validate(command);
        var timeout = settings.CommandDefaultTimeout;
        if (arguments.GetOptionalInt("timeout_seconds") is { } seconds)
        {
            if (seconds < 1)
            {
                throw new ToolException("timeout_seconds must be at least 1.");
            }

            timeout = TimeSpan.FromSeconds(Math.Min(seconds, settings.CommandMaxTimeout.TotalSeconds));
        }

        var spec = new ProcessSpec
        {
            Command = command,
            Timeout = timeout,
            MaxOutputBytes = Math.Max(4096, settings.CommandOutputMaxChars * 4),
        };
        var display = TextFiles.Shorten(string.Join(' ', command), 200);
        var result = await context.Sandbox.Processes.RunAsync(spec, cancellationToken).ConfigureAwait(false);

        var output = new StringBuilder();
        if (result.StandardOutput.Trim().Length > 0)
        {
            output.Append("stdout:\n").Append(TextFiles.HeadAndTail(result.StandardOutput.TrimEnd(), settings.CommandOutputMaxChars)).Append('\n');
        }

        if (result.StandardError.Trim().Length > 0)
        {
            output.Append("stderr:\n").Append(TextFiles.HeadAndTail(result.StandardError.TrimEnd(), settings.CommandOutputMaxChars)).Append('\n');
        }

        if (result.OutputTruncated)
        {
            output.Append("[output beyond the capture limit was dropped]\n");
        }

        if (output.Length > 0)
        {
            context.Emit(new TerminalOutputEvent(output.ToString(), display));
        }

        var body = output.Length == 0 ? "(no output)" : output.ToString().TrimEnd();
        if (result.TimedOut)
        {
            throw new ToolException(string.Create(CultureInfo.InvariantCulture,
                $"`{display}` was stopped after its {timeout.TotalSeconds:0}-second timeout.\n{body}"));
        }

        if (result.ExitCode != 0)
        {
            throw new ToolException(string.Create(CultureInfo.InvariantCulture, $"`{display}` exited with code {result.ExitCode}.\n{body}"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"`{display}` exited with code 0.\n{body}");
    }

    private static void Validate(IReadOnlyList<string> command)
    {
        if (command.Count == 0 || string.IsNullOrWhiteSpace(command[0]))
        {
            throw new ToolException("'command' must start with the program to run, e.g. [\"npm\", \"run\", \"build\"].");
        }

        if (command.Count > MaxArguments)
        {
            throw new ToolException($"'command' has more than {MaxArguments} arguments.");
        }

        foreach (var argument in command)
        {
            if (argument.Contains('\0', StringComparison.Ordinal))
            {
                throw new ToolException("command arguments must not contain NUL bytes.");
            }
        }

        if (command.Count == 1 && command[0].Trim().Contains(' ', StringComparison.Ordinal))
        {
            throw new ToolException(
                $"'command' is an argument list, not a shell string: write [\"{string.Join("\", \"", command[0].Split(' ', StringSplitOptions.RemoveEmptyEntries))}\"] instead of [\"{command[0]}\"].");
        }
    }
}
