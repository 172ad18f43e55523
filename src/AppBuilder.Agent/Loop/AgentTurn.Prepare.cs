using System.Text;
using AppBuilder.Agent.Diagnostics;
using AppBuilder.Agent.Prompts;
using AppBuilder.Agent.Tools;
using AppBuilder.Storage;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Loop;

internal sealed partial class AgentTurn
{
    /// <summary>Resolves the model, loads (or creates) the session and its history, gathers tools, builds the
    /// system prompt and persists the person's message.</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _chat = _runner.ChatClient ?? throw new TurnFailedException(
            "No chat model is configured: register one with AddChatModel, AddOpenAIChat, AddAnthropicChat or AddReplayChat.",
            "model_not_configured");
        if (_chat.GetService(typeof(FunctionInvokingChatClient)) is not null)
        {
            throw new TurnFailedException(DependencyInjection.AgentOptionsValidator.FunctionInvocationMessage, "model_not_configured");
        }

        // Before anything is stored or any model is called: a refused turn leaves no trace in the history.
        if (await _runner.Budget.GetRefusalAsync(_request.ProjectId, _request.UserId, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            throw new TurnFailedException(refusal, UsageBudget.ExceededCode);
        }

        _compactionChat = _usage.Wrap(_chat, UsageSteps.Compaction);
        _chat = _usage.Wrap(_chat, UsageSteps.Agent);

        await EnsureSessionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _history = [.. await _runner.Store.GetMessagesAsync(_request.ProjectId, _request.SessionId, cancellationToken).ConfigureAwait(false)];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw StorageFailure("load", e);
        }

        _tools = await GatherToolsAsync(cancellationToken).ConfigureAwait(false);
        _chatOptions = new ChatOptions
        {
            ModelId = _options.ModelId,
            Temperature = _options.Temperature,
            MaxOutputTokens = _options.MaxOutputTokens,
            Tools = [.. _tools.Values],
            ToolMode = ChatToolMode.Auto,
            AllowMultipleToolCalls = true,
        };
        DescribeModel();
        _systemMessage = new ChatMessage(ChatRole.System, await BuildSystemPromptAsync(cancellationToken).ConfigureAwait(false));
        var user = new ChatMessage(ChatRole.User, _request.Message) { CreatedAt = _runner.Time.GetUtcNow(), MessageId = _usage.TurnId };
        await PersistAsync([user]).ConfigureAwait(false);
    }

    private async Task EnsureSessionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var store = _runner.Store;
            if (await store.GetSessionAsync(_request.ProjectId, _request.SessionId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            if (await store.GetAsync(_request.ProjectId, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new TurnFailedException($"Project '{_request.ProjectId}' does not exist.", "project_not_found");
            }

            await store.CreateSessionAsync(new ChatSessionRecord
            {
                Id = _request.SessionId,
                ProjectId = _request.ProjectId,
                Title = TextFiles.Shorten(_request.Message.Trim().ReplaceLineEndings(" "), 60),
                CreatedAt = _runner.Time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not (OperationCanceledException or TurnFailedException))
        {
            throw StorageFailure("load", e);
        }
    }

    /// <summary>Gathers the tools again when a provider said its catalog changed (an MCP server's tool list changed,
    /// or a server stopped or came back), so the next model call sees the current catalog.</summary>
    private async Task RefreshToolsIfChangedAsync(CancellationToken cancellationToken)
    {
        if (_runner.CatalogChanges.Version == _catalogVersion)
        {
            return;
        }

        _tools = await GatherToolsAsync(cancellationToken).ConfigureAwait(false);

        // A new options object: the previous model call may still hold on to the old one (recorders, telemetry).
        _chatOptions = _chatOptions.Clone();
        _chatOptions.Tools = [.. _tools.Values];
    }

    /// <summary>Asks every tool provider for its tools; later providers override earlier ones by name; disabled names are dropped.</summary>
    private async Task<Dictionary<string, AIFunction>> GatherToolsAsync(CancellationToken cancellationToken)
    {
        _catalogVersion = _runner.CatalogChanges.Version;
        var tools = new Dictionary<string, AIFunction>(StringComparer.Ordinal);
        foreach (var provider in _runner.ToolProviders)
        {
            IReadOnlyList<AIFunction> provided;
            try
            {
                provided = await provider.GetToolsAsync(_toolContext, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.ToolProviderFailed(_runner.Logger, provider.GetType().Name, e);
                continue;
            }

            foreach (var tool in provided)
            {
                tools[tool.Name] = tool;
            }
        }

        foreach (var name in _options.DisabledTools)
        {
            tools.Remove(name);
        }

        return tools;
    }

    private async Task<string> BuildSystemPromptAsync(CancellationToken cancellationToken)
    {
        var sb = new StringBuilder(_options.SystemPrompt ?? DefaultSystemPrompt.Text);
        if (!string.IsNullOrWhiteSpace(_options.AdditionalInstructions))
        {
            sb.Append("\n\n").Append(_options.AdditionalInstructions.Trim());
        }

        if (_options.IncludeFileTreeInPrompt)
        {
            try
            {
                var entries = await _request.Sandbox.Files.ListAsync("", recursive: true, SnapshotSandboxExtensions.ExcludedFolders,
                    cancellationToken).ConfigureAwait(false);
                var files = entries.Where(e => !e.IsDirectory).Select(e => e.Path).ToList();
                sb.Append("\n\n## The project's files now\n");
                foreach (var path in files.Take(_options.FileTreeMaxEntries))
                {
                    sb.Append("- ").Append(path).Append('\n');
                }

                if (files.Count > _options.FileTreeMaxEntries)
                {
                    sb.Append("- … and ").Append(files.Count - _options.FileTreeMaxEntries).Append(" more (use view on a folder)\n");
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The prompt is still useful without the file list; the model can list folders with view.
            }
        }

        return sb.ToString();
    }
}
