namespace AppBuilder.Storage;

/// <summary>Validates and creates ids for projects, sessions and snapshots.</summary>
public static class StorageId
{
    /// <summary>Creates a new random id: 16 lowercase hex characters.</summary>
    public static string New() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>Whether <paramref name="id"/> is 1–64 characters of ASCII letters, digits, '-' and '_'.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws when <paramref name="id"/> is not valid.</summary>
    /// <exception cref="ArgumentException">The id is not valid.</exception>
    public static string Validate(string? id, string paramName = "id") =>
        IsValid(id) ? id! : throw new ArgumentException($"'{id}' is not a valid id: use 1-64 letters, digits, '-' or '_'.", paramName);
}
