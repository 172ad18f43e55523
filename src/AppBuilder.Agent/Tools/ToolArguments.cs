using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace AppBuilder.Agent.Tools;

/// <summary>
/// Typed, forgiving access to a tool call's arguments, whatever form the provider produced them in
/// (<see cref="JsonElement"/>s from parsed JSON, or plain CLR values). Missing or ill-typed arguments throw a
/// <see cref="ToolException"/> that names the argument and the expected type.
/// </summary>
internal sealed class ToolArguments(IReadOnlyDictionary<string, object?> arguments)
{
    public string GetRequiredString(string name) =>
        GetOptionalString(name) ?? throw Missing(name, "string");

    /// <summary>A required string, trimmed, neither empty (<paramref name="whenEmpty"/> says what to give instead) nor
    /// longer than <paramref name="maxChars"/>.</summary>
    public string GetRequiredText(string name, int maxChars, string whenEmpty)
    {
        var text = GetRequiredString(name).Trim();
        if (text.Length == 0)
        {
            throw new ToolException($"{name} is empty; {whenEmpty}.");
        }

        return text.Length <= maxChars
            ? text
            : throw new ToolException($"{name} is {text.Length} characters long; at most {maxChars} are allowed.");
    }

    public string? GetOptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            _ => throw WrongType(name, "a string"),
        };
    }

    public int GetRequiredInt(string name) => GetOptionalInt(name) ?? throw Missing(name, "integer");

    public int? GetOptionalInt(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        switch (value)
        {
            case int i:
                return i;
            case long l and >= int.MinValue and <= int.MaxValue:
                return (int)l;
            case double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                return (int)d;
            case decimal m when m == decimal.Floor(m) && m is >= int.MinValue and <= int.MaxValue:
                return (int)m;
            case string s when int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var n):
                return n;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                return (int)d;
            case JsonElement { ValueKind: JsonValueKind.String } e when int.TryParse(e.GetString()?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonElement { ValueKind: JsonValueKind.Null }:
                return null;
            default:
                throw WrongType(name, "an integer");
        }
    }

    public bool? GetOptionalBool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value switch
        {
            bool b => b,
            string s when bool.TryParse(s.Trim(), out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            JsonElement { ValueKind: JsonValueKind.String } e when bool.TryParse(e.GetString()?.Trim(), out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Null } => null,
            _ => throw WrongType(name, "true or false"),
        };
    }

    /// <summary>Returns an array argument as a JSON array element. A string holding a JSON array is accepted too.</summary>
    public JsonElement GetRequiredArray(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(name, "array");
        }

        var element = ToElement(value, name);
        if (element.ValueKind == JsonValueKind.String && element.GetString() is { } text && text.TrimStart().StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                element = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw WrongType(name, "an array");
            }
        }

        return element.ValueKind == JsonValueKind.Array ? element : throw WrongType(name, "an array");
    }

    public IReadOnlyList<string> GetRequiredStringArray(string name)
    {
        var array = GetRequiredArray(name);
        var list = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw new ToolException($"argument '{name}' must be an array of strings; item {list.Count + 1} is {Describe(item.ValueKind)}."));
        }

        return list;
    }

    private bool TryGet(string name, out object? value) =>
        arguments.TryGetValue(name, out value) && value is not null;

    private static JsonElement ToElement(object? value, string name)
    {
        if (value is JsonElement element)
        {
            return element;
        }

        try
        {
            return JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions);
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new ToolException($"argument '{name}' has a value that cannot be read as JSON.");
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private ToolException WrongType(string name, string expected)
    {
        arguments.TryGetValue(name, out var value);
        var actual = value is JsonElement e ? Describe(e.ValueKind) : value switch
        {
            string => "a string",
            bool => "a boolean",
            int or long or double or float or decimal => "a number",
            System.Collections.IEnumerable => "an array",
            _ => "an object",
        };
        return new ToolException($"argument '{name}' must be {expected}, but it is {actual}.");
    }

    private static ToolException Missing(string name, string type) =>
        new($"the required argument '{name}' ({type}) is missing.");
}
