using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AppBuilder.Internal;
using AppBuilder.Storage.Internal;
using Microsoft.Extensions.AI;

namespace AppBuilder.Storage.FileSystem;

internal sealed partial class FileProjectStore
{
    private static JsonTypeInfo<ChatMessage> MessageType => ChatMessageJson.TypeInfo;

    public Task AppendMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages,
        CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
        var line = SerializeBatch(messages);
        return WithProjectLockAsync(projectId, "append messages to", async () =>
        {
            EnsureSessionExists(projectId, sessionId);
            if (messages.Count == 0)
            {
                return true;
            }

            if (await JsonLinesFile.AppendLineAsync(MessagesFile(projectId, sessionId), line, cancellationToken).ConfigureAwait(false))
            {
                StorageLog.TornLineDiscarded(_logger, projectId, sessionId);
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(string projectId, string sessionId, CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
        return WithProjectLockAsync(projectId, "read messages of", async () =>
        {
            var lines = await JsonLinesFile.ReadLinesAsync(MessagesFile(projectId, sessionId), cancellationToken).ConfigureAwait(false);
            var messages = new List<ChatMessage>();
            for (var i = 0; i < lines.Count; i++)
            {
                try
                {
                    ReadBatch(lines[i].Span, messages);
                }
                catch (JsonException ex)
                {
                    var reason = $"line {i + 1} of the history of session '{sessionId}' cannot be read";
                    StorageLog.ProjectDataDamaged(_logger, ex, projectId, reason);
                    throw StorageErrors.Failure($"The stored data of project '{projectId}' is damaged: {reason}.", ex);
                }
            }

            return (IReadOnlyList<ChatMessage>)messages;
        }, cancellationToken);
    }

    public Task ReplaceMessagesAsync(string projectId, string sessionId, IReadOnlyList<ChatMessage> messages,
        CancellationToken cancellationToken = default)
    {
        StorageId.Validate(projectId, nameof(projectId));
        StorageId.Validate(sessionId, nameof(sessionId));
        var line = SerializeBatch(messages);
        return WithProjectLockAsync(projectId, "replace messages of", async () =>
        {
            EnsureSessionExists(projectId, sessionId);
            var content = messages.Count == 0 ? Array.Empty<byte>() : [.. line.Span, (byte)'\n'];
            await AtomicFile.WriteAsync(MessagesFile(projectId, sessionId), content, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    private static ReadOnlyMemory<byte> SerializeBatch(IReadOnlyList<ChatMessage> messages)
    {
        ChatMessageJson.ValidateBatch(messages, nameof(messages));
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var message in messages)
            {
                JsonSerializer.Serialize(writer, message, MessageType);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenMemory;
    }

    private static void ReadBatch(ReadOnlySpan<byte> line, List<ChatMessage> into)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A history line must be a JSON array of messages.");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            into.Add(JsonSerializer.Deserialize(ref reader, MessageType) ?? throw new JsonException("A message is null."));
        }

        if (reader.TokenType != JsonTokenType.EndArray || reader.Read())
        {
            throw new JsonException("A history line has data after its array of messages.");
        }
    }
}
