using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AppBuilder.Agent.Mcp;

/// <summary>
/// Sends <c>notifications/progress</c> for the request's progress token (nothing when the client asked for none), one
/// at a time and awaited, so that every notification reaches the client before the tool's result does. A client that
/// went away ends the sending, not the turn.
/// </summary>
internal sealed class ProgressNotifier(RequestContext<CallToolRequestParams> context, ILogger logger)
{
    private readonly ProgressToken? _token = context.Params?.ProgressToken;
    private int _count;
    private bool _broken;

    public async Task SendAsync(IReadOnlyList<string> lines)
    {
        if (_token is not { } token || _broken)
        {
            return;
        }

        foreach (var line in lines)
        {
            try
            {
                await context.Server.NotifyProgressAsync(token, new ProgressNotificationValue { Progress = ++_count, Message = line },
                    cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                McpLog.ProgressFailed(logger, ex);
                _broken = true;
                return;
            }
        }
    }
}
