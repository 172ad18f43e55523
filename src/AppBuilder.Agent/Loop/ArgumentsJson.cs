using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Loop;

/// <summary>Writes tool-call arguments as JSON for events and logs, optionally shortening long string values.</summary>
internal static class ArgumentsJson
{
    public static string Format(IDictionary<string, object?>? arguments, int maxStringChars = int.MaxValue)
    {
        if (arguments is null || arguments.Count == 0)
        {
            return "{}";
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in arguments)
            {
                writer.WritePropertyName(key);
                WriteValue(writer, value, maxStringChars);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, int maxStringChars)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(Shorten(s, maxStringChars));
                break;
            case JsonElement { ValueKind: JsonValueKind.String } e:
                writer.WriteStringValue(Shorten(e.GetString() ?? "", maxStringChars));
                break;
            case JsonElement e:
                e.WriteTo(writer);
                break;
            default:
                try
                {
                    JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions).WriteTo(writer);
                }
                catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
                {
                    writer.WriteStringValue(value.ToString());
                }

                break;
        }
    }

    private static string Shorten(string s, int max) =>
        s.Length <= max ? s : string.Concat(s.AsSpan(0, max), $"… ({s.Length} characters)");
}
