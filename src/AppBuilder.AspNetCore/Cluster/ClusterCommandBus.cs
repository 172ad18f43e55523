using System.Collections.Concurrent;
using System.Text.Json;
using AppBuilder.AspNetCore.Approvals;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.AspNetCore.Turns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>
/// Stop and approval requests across hosts, over Redis pub/sub. A host publishes a <see cref="ClusterCommand"/> on
/// <c>{prefix}commands</c>; every other host acts on it when it runs the turn or holds the approval, and answers on the
/// sender's <c>{prefix}replies:{hostId}</c>. The sender waits for as many answers as Redis says received the command
/// (less itself), or <see cref="AppBuilderClusterOptions.CommandTimeout"/>, whichever comes first — a host that
/// handled it ends the wait at once. Hosts try their own turns and approvals first, in process, and use the bus only
/// for what they do not hold.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ClusterCommandBus(ClusterRedis redis, ClusterIdentity identity, ChatTurnCoordinator turns, ToolApprovalGate approvals,
    IOptions<AppBuilderClusterOptions> options, ILogger<ClusterCommandBus> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Subscriptions are kept by the connection: when Redis comes back they are made again.
        await redis.Subscriber.SubscribeAsync(redis.Channel("commands"), (_, message) => HandleCommand(message)).ConfigureAwait(false);
        await redis.Subscriber.SubscribeAsync(redis.Channel("replies:" + identity.HostId), (_, message) => HandleReply(message)).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(
        redis.Subscriber.UnsubscribeAsync(redis.Channel("commands")),
        redis.Subscriber.UnsubscribeAsync(redis.Channel("replies:" + identity.HostId)));

    /// <summary>Asks the other hosts to stop the session's turn. Returns whether one of them was running it.</summary>
    /// <exception cref="RedisException">Redis is unreachable.</exception>
    public async Task<bool> StopAsync(string projectId, string sessionId, CancellationToken cancellationToken) =>
        (await SendAsync(Command(ClusterCommand.Stop, projectId) with { SessionId = sessionId }, cancellationToken).ConfigureAwait(false))
        .Any(r => r.Handled);

    /// <summary>Answers an approval another host holds. Returns whether one of them held it.</summary>
    public async Task<bool> ResolveAsync(string projectId, string approvalId, bool approved, CancellationToken cancellationToken) =>
        (await SendAsync(Command(ClusterCommand.Resolve, projectId) with { ApprovalId = approvalId, Approved = approved }, cancellationToken)
            .ConfigureAwait(false)).Any(r => r.Handled);

    /// <summary>The project's approvals pending on the other hosts.</summary>
    public async Task<IReadOnlyList<ApprovalDto>> ListApprovalsAsync(string projectId, CancellationToken cancellationToken) =>
        [.. (await SendAsync(Command(ClusterCommand.ListApprovals, projectId), cancellationToken).ConfigureAwait(false))
            .SelectMany(r => r.Approvals ?? [])];

    private ClusterCommand Command(string kind, string projectId) => new(Guid.NewGuid().ToString("N"), identity.HostId, kind, projectId);

    private async Task<IReadOnlyList<ClusterReply>> SendAsync(ClusterCommand command, CancellationToken cancellationToken)
    {
        var pending = new Pending(command.Kind != ClusterCommand.ListApprovals);
        _pending[command.Id] = pending;
        try
        {
            var receivers = await redis.Subscriber.PublishAsync(redis.Channel("commands"), JsonSerializer.Serialize(command)).ConfigureAwait(false);
            pending.Expect((int)receivers - 1); // this host receives its own command and ignores it
            try
            {
                await pending.Done.Task.WaitAsync(options.Value.CommandTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.CommandTimedOut(logger, command.Kind, command.ProjectId, pending.Count);
            }

            return pending.Replies;
        }
        finally
        {
            _pending.TryRemove(command.Id, out _);
        }
    }

    private void HandleCommand(RedisValue message) => _ = HandleCommandAsync(message);

    private async Task HandleCommandAsync(RedisValue message)
    {
        ClusterCommand? command = null;
        try
        {
            command = JsonSerializer.Deserialize<ClusterCommand>((string)message!);
            if (command is null || command.From == identity.HostId)
            {
                return;
            }

            var reply = command.Kind switch
            {
                ClusterCommand.Stop when command.SessionId is { } session => new ClusterReply(command.Id, turns.Stop(command.ProjectId, session)),
                ClusterCommand.Resolve when command.ApprovalId is { } approval =>
                    new ClusterReply(command.Id, approvals.TryResolve(command.ProjectId, approval, command.Approved)),
                ClusterCommand.ListApprovals => new ClusterReply(command.Id, true, [.. approvals.List(command.ProjectId).Select(ApprovalDtos.From)]),
                _ => new ClusterReply(command.Id, false),
            };
            await redis.Subscriber.PublishAsync(redis.Channel("replies:" + command.From), JsonSerializer.Serialize(reply)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.CommandFailed(logger, ex, command?.Kind ?? "?", command?.ProjectId ?? "?");
        }
    }

    private void HandleReply(RedisValue message)
    {
        try
        {
            if (JsonSerializer.Deserialize<ClusterReply>((string)message!) is { } reply && _pending.TryGetValue(reply.Id, out var pending))
            {
                pending.Add(reply);
            }
        }
        catch (JsonException ex)
        {
            Log.CommandFailed(logger, ex, "reply", "?");
        }
    }

    private sealed class Pending(bool endOnHandled)
    {
        private readonly List<ClusterReply> _replies = [];
        private int _expected = -1;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count
        {
            get
            {
                lock (_replies)
                {
                    return _replies.Count;
                }
            }
        }

        public IReadOnlyList<ClusterReply> Replies
        {
            get
            {
                lock (_replies)
                {
                    return [.. _replies];
                }
            }
        }

        public void Expect(int count)
        {
            lock (_replies)
            {
                _expected = count;
                Check();
            }
        }

        public void Add(ClusterReply reply)
        {
            lock (_replies)
            {
                _replies.Add(reply);
                if (endOnHandled && reply.Handled)
                {
                    Done.TrySetResult();
                }

                Check();
            }
        }

        private void Check()
        {
            if (_expected >= 0 && _replies.Count >= _expected)
            {
                Done.TrySetResult();
            }
        }
    }
}
