using System.Security.Cryptography;

namespace AppBuilder.Storage.Snapshots;

/// <summary>SHA-256 content hashes as blob names.</summary>
internal static class ContentHash
{
    /// <summary>Returns the lower-case hex SHA-256 of <paramref name="content"/>.</summary>
    public static string Compute(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Whether <paramref name="hash"/> is 64 lower-case hex characters.</summary>
    public static bool IsValid(string? hash) =>
        hash is { Length: 64 } && hash.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
