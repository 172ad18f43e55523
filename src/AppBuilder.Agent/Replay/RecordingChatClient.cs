using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using AppBuilder.Agent.Providers;
using AppBuilder.Internal;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppBuilder.Agent.Replay;

/// <summary>
/// A delegating <see cref="IChatClient"/> that passes every call through to a real model and records it — a summary
/// of the request and the whole answer: text, tool calls with their arguments, usage and finish reason — into an
/// <c>appbuilder-replay/1</c> file that <see cref="ReplayChatClient"/> can play back.
/// </summary>
/// <remarks>
/// <para>Each conversation gets its own file in <see cref="Directory"/>, named after its first user message. A
/// conversation is told apart by <see cref="ChatOptions.ConversationId"/> when the caller sets it, else by its first
/// user message; a request that is the first step of the first turn always starts a new file. The file is rewritten
/// (atomically) after every call, so a crash loses at most the call in flight. Steps of earlier turns that this
/// instance did not see (after a restart) are rebuilt from the request's history, without usage.</para>
/// <para>Thread-safe. Updates reach the caller exactly as the inner client streams them; a call that fails or is
/// cancelled is not recorded.</para>
/// </remarks>
public sealed class RecordingChatClient : DelegatingChatClient
{
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Creates a recording client.</summary>
    /// <param name="innerClient">The real model client.</param>
    /// <param name="directory">The folder recordings are written to; created when missing.</param>
    /// <param name="timeProvider">The clock used for file names and metadata; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Where recording problems are logged; a failed save never fails the model call.</param>
    public RecordingChatClient(IChatClient innerClient, string directory, TimeProvider? timeProvider = null, ILogger? logger = null)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The folder recordings are written to.</summary>
    public string Directory { get; }

    /// <summary>The files written so far by this instance.</summary>
    public IReadOnlyList<string> Files
    {
        get
        {
            lock (_gate)
            {
                return [.. _sessions.Values.Select(s => s.Path).Distinct()];
            }
        }
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        var response = await base.GetResponseAsync(history, options, cancellationToken).ConfigureAwait(false);
        var step = new ReplayStepCapture();
        foreach (var content in response.Messages.SelectMany(m => m.Contents))
        {
            step.Add(content);
        }
        step.FinishReason = response.FinishReason;
        if (response.Usage is { } usage)
        {
            step.Add(new UsageContent(usage));
        }
        Record(history, options, step, response.ModelId);
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        var step = new ReplayStepCapture();
        string? modelId = null;
        await foreach (var update in base.GetStreamingResponseAsync(history, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var content in update.Contents)
            {
                step.Add(content);
            }
            step.FinishReason = update.FinishReason ?? step.FinishReason;
            modelId = update.ModelId ?? modelId;
            yield return update;
        }
        Record(history, options, step, modelId);
    }

    private void Record(List<ChatMessage> history, ChatOptions? options, ReplayStepCapture capture, string? modelId)
    {
        var conversation = ReplayConversation.Of(history);
        var key = options?.ConversationId ?? ReplayPromptMatcher.Normalize(conversation.FirstUserMessage);
        var metadata = InnerClient.GetService<ChatClientMetadata>();
        var model = modelId ?? options?.ModelId ?? metadata?.DefaultModelId;

        lock (_gate)
        {
            if (!_sessions.TryGetValue(key, out var session) || (conversation.TurnIndex == 0 && conversation.StepIndex == 0))
            {
                session = new Session(NewPath(conversation.FirstUserMessage), NewRecording(conversation.FirstUserMessage,
                    metadata?.ProviderName, model));
                _sessions[key] = session;
                ProvidersLog.RecordingTo(_logger, session.Path);
            }

            var turns = Rebuild(history, session.Recording.Turns);
            var turn = turns[conversation.TurnIndex];
            var step = capture.ToStep(history.Count, options);
            if (conversation.StepIndex < turn.Steps.Count)
            {
                turn.Steps[conversation.StepIndex] = step;
            }
            else
            {
                turn.Steps.Add(step);
            }

            session.Recording.Turns = turns;
            session.Recording.Metadata.Model ??= model;
            Save(session);
        }
    }

    /// <summary>
    /// The turns as the history shows them (one per user message; one step per assistant message after it), keeping
    /// the steps already recorded — which carry usage and finish reasons — where they exist.
    /// </summary>
    private static List<ReplayTurn> Rebuild(List<ChatMessage> history, List<ReplayTurn> recorded)
    {
        var turns = new List<ReplayTurn>();
        foreach (var message in history)
        {
            if (ReplayConversation.IsUserMessage(message))
            {
                turns.Add(new ReplayTurn { User = message.Text });
            }
            else if (message.Role == ChatRole.Assistant && turns.Count > 0)
            {
                var capture = new ReplayStepCapture();
                foreach (var content in message.Contents)
                {
                    capture.Add(content);
                }
                turns[^1].Steps.Add(capture.ToStep(null, null));
            }
        }

        if (turns.Count == 0)
        {
            turns.Add(new ReplayTurn());
        }

        for (var t = 0; t < turns.Count && t < recorded.Count; t++)
        {
            for (var s = 0; s < turns[t].Steps.Count && s < recorded[t].Steps.Count; s++)
            {
                turns[t].Steps[s] = recorded[t].Steps[s];
            }
        }
        return turns;
    }

    private ReplayRecording NewRecording(string firstPrompt, string? provider, string? model) => new()
    {
        Metadata = new ReplayMetadata
        {
            Title = ReplayLibrary.Shorten(firstPrompt.Length == 0 ? "Recorded conversation" : firstPrompt),
            Description = string.Create(CultureInfo.InvariantCulture,
                $"Recorded on {_timeProvider.GetUtcNow():yyyy-MM-dd} from provider '{provider ?? "unknown"}'."),
            Source = ReplayMetadata.Recorded,
            Model = model,
            Note = "Recorded from a live model session. Replaying it repeats the model's answers; it does not look at tool results.",
        },
        Prompts = [firstPrompt],
    };

    private string NewPath(string firstPrompt)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var slug = Slug(firstPrompt);
        var stamp = _timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var taken = _sessions.Values.Select(s => s.Path).ToHashSet(StringComparer.Ordinal);
        for (var n = 1; ; n++)
        {
            var name = n == 1 ? $"{slug}-{stamp}.json" : $"{slug}-{stamp}-{n}.json";
            var path = Path.Combine(Directory, name);
            if (!taken.Contains(path) && !File.Exists(path))
            {
                return path;
            }
        }
    }

    private void Save(Session session)
    {
        try
        {
            using var content = new MemoryStream();
            ReplayFormat.Write(content, session.Recording);
            AtomicFile.Write(session.Path, content.GetBuffer().AsSpan(0, (int)content.Length));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ProvidersLog.RecordingSaveFailed(_logger, ex, session.Path);
        }
    }

    internal static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var word in ReplayPromptMatcher.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var ascii = new string([.. word.Where(char.IsAsciiLetterOrDigit)]);
            if (ascii.Length == 0 || builder.Length + ascii.Length > 40)
            {
                continue;
            }
            builder.Append(builder.Length == 0 ? "" : "-").Append(ascii);
        }
        return builder.Length == 0 ? "conversation" : builder.ToString();
    }

    private sealed record Session(string Path, ReplayRecording Recording);
}
