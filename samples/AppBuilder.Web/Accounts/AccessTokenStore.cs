using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AppBuilder.Web.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AppBuilder.Web.Accounts;

/// <summary>
/// Personal access tokens for MCP clients (and other programs) in one JSON file. A token is <c>abt_</c> and 32 random
/// bytes (base64url); only its SHA-256 hash is kept, so the file cannot be used to sign in and a token is shown once.
/// Writes go to a temporary file that then replaces the store.
/// </summary>
/// <remarks>Thread-safe: every operation holds one lock for the whole read-modify-write.</remarks>
public sealed class AccessTokenStore
{
    /// <summary>What every token starts with, so that secret scanners and people can tell what it is.</summary>
    public const string Prefix = "abt_";

    /// <summary>The most tokens one account may hold.</summary>
    public const int MaxTokensPerUser = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly TimeProvider _time;

    /// <summary>Creates the store over the file named by the options, relative to the data root.</summary>
    public AccessTokenStore(IOptions<AccountOptions> options, DataRoot dataRoot, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataRoot);
        FilePath = dataRoot.Resolve(options.Value.AccessTokenStorePath);
        _time = time;
    }

    /// <summary>The tokens file.</summary>
    public string FilePath { get; }

    /// <summary>Makes a token for the account; returns its record and the token, which is not kept. Null when the
    /// account already holds <see cref="MaxTokensPerUser"/>.</summary>
    public async Task<(AccessToken Record, string Token)?> CreateAsync(string userId, string email, string name, CancellationToken cancellationToken = default)
    {
        var token = Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var record = new AccessToken("t_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), userId, email, name, Hash(token),
            _time.GetUtcNow());
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var tokens = await ReadAsync(cancellationToken);
            if (tokens.Count(t => t.UserId == userId) >= MaxTokensPerUser)
            {
                return null;
            }

            tokens.Add(record);
            await WriteAsync(tokens, cancellationToken);
            return (record, token);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The account's tokens, oldest first.</summary>
    public async Task<IReadOnlyList<AccessToken>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return [.. (await ReadAsync(cancellationToken)).Where(t => t.UserId == userId).OrderBy(t => t.CreatedAt)];
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Revokes one of the account's tokens. Returns whether it existed.</summary>
    public async Task<bool> RevokeAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var tokens = await ReadAsync(cancellationToken);
            if (tokens.RemoveAll(t => t.UserId == userId && t.Id == id) == 0)
            {
                return false;
            }

            await WriteAsync(tokens, cancellationToken);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The record of a presented token, or null when it is malformed, unknown or revoked.</summary>
    public async Task<AccessToken?> FindAsync(string token, CancellationToken cancellationToken = default)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 100)
        {
            return null;
        }

        var hash = Encoding.ASCII.GetBytes(Hash(token));
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return (await ReadAsync(cancellationToken))
                .FirstOrDefault(t => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(t.Hash), hash));
        }
        finally
        {
            _lock.Release();
        }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private async Task<List<AccessToken>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        await using var stream = File.OpenRead(FilePath);
        var file = await JsonSerializer.DeserializeAsync<TokensFile>(stream, Json, cancellationToken);
        return file?.Tokens ?? [];
    }

    private async Task WriteAsync(List<AccessToken> tokens, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temp = FilePath + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the host's user only: the hashes cannot sign anyone in, but the list of tokens is nobody else's.
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temp, fileOptions))
        {
            await JsonSerializer.SerializeAsync(stream, new TokensFile { Tokens = tokens }, Json, cancellationToken);
        }

        File.Move(temp, FilePath, overwrite: true);
    }

    private sealed class TokensFile
    {
        public List<AccessToken> Tokens { get; set; } = [];
    }
}
