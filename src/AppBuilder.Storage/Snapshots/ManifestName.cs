using System.Globalization;

namespace AppBuilder.Storage.Snapshots;

/// <summary>Manifest names: the checkpoint number in at least six digits, then <c>.json</c> (<c>000001.json</c>).</summary>
internal static class ManifestName
{
    private const string Extension = ".json";

    /// <summary>Returns the name of checkpoint <paramref name="number"/>.</summary>
    public static string Format(int number) => number.ToString("D6", CultureInfo.InvariantCulture) + Extension;

    /// <summary>Parses a name written by <see cref="Format"/>; anything else (temporary files, strays) is refused.</summary>
    public static bool TryParse(string name, out int number)
    {
        number = 0;
        if (!name.EndsWith(Extension, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = name.AsSpan(0, name.Length - Extension.Length);
        if (digits.Length < 6 || digits.ContainsAnyExceptInRange('0', '9') ||
            !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
        {
            number = 0;
            return false;
        }

        if (!string.Equals(Format(number), name, StringComparison.Ordinal))
        {
            number = 0;
            return false;
        }

        return true;
    }
}
