using System.Text.Json;
using System.Text.Json.Serialization;
using AppBuilder.Storage.Snapshots;

namespace AppBuilder.Storage.Internal;

/// <summary>Source-generated JSON for the records the stores write.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ProjectRecord))]
[JsonSerializable(typeof(ChatSessionRecord))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, AppBuilder.Mcp.McpServerDefinition>))]
[JsonSerializable(typeof(SnapshotManifest))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
