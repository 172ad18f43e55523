using System.Text.Json;

namespace AppBuilder.AspNetCore;

/// <summary>Enum values as the HTTP API and the hub spell them: camelCase strings, whatever the host's JSON options.</summary>
internal static class WireNames
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
