namespace AppBuilder.Storage.Internal;

/// <summary>
/// Maps a valid <see cref="StorageId"/> to a folder name that stays distinct on case-insensitive file systems
/// (Windows, macOS): each upper-case letter is written as '^' and its lower-case form, so "Abc" and "abc" never share
/// a folder. '^' cannot occur in an id, so the mapping is reversible.
/// </summary>
internal static class FolderName
{
    /// <summary>Returns the folder name for a valid id.</summary>
    public static string FromId(string id)
    {
        if (!id.Any(char.IsAsciiLetterUpper))
        {
            return id;
        }

        var builder = new System.Text.StringBuilder(id.Length + 8);
        foreach (var c in id)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                builder.Append('^').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Returns the id a folder name stands for, or <see langword="null"/> when the name is not one of ours
    /// (temporary and deleted folders, stray files).</summary>
    public static string? ToId(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '^')
            {
                if (i + 1 >= name.Length || !char.IsAsciiLetterLower(name[i + 1]))
                {
                    return null;
                }

                builder.Append(char.ToUpperInvariant(name[++i]));
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                return null;
            }
            else
            {
                builder.Append(c);
            }
        }

        var id = builder.ToString();
        return StorageId.IsValid(id) ? id : null;
    }
}
