using System.Text.Json;
using System.Text.Json.Serialization;

namespace AppBuilder.Storage.Internal;

/// <summary>Source-generated JSON for usage records: one record per line.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UsageRecord))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
