using System.Text.Json;
using AppBuilder.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AppBuilder.Web.Accounts;

/// <summary>
/// Local accounts in one JSON file, passwords hashed with ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>.
/// Writes go to a temporary file that then replaces the store, so a crash never leaves half a file.
/// </summary>
/// <remarks>Thread-safe: every operation holds one lock for the whole read-modify-write.</remarks>
public sealed class UserStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly UserAccount DummyAccount = new("dummy", "dummy", "", DateTimeOffset.UnixEpoch);
    private static readonly string DummyHash = new PasswordHasher<UserAccount>().HashPassword(DummyAccount, Guid.NewGuid().ToString());

    private readonly PasswordHasher<UserAccount> _hasher = new();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly TimeProvider _time;

    /// <summary>Creates the store over the file named by the options, relative to the data root.</summary>
    public UserStore(IOptions<AccountOptions> options, DataRoot dataRoot, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataRoot);
        FilePath = dataRoot.Resolve(options.Value.StorePath);
        _time = time;
    }

    /// <summary>The accounts file.</summary>
    public string FilePath { get; }

    /// <summary>Normalises an email for storage and lookup.</summary>
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>Returns the account with this email, or <see langword="null"/>.</summary>
    public async Task<UserAccount?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeEmail(email);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            return (await ReadAsync(cancellationToken)).FirstOrDefault(u => u.Email == normalized);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Creates an account. Returns <see langword="null"/> when the email is taken.</summary>
    public async Task<UserAccount?> CreateAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var normalized = NormalizeEmail(email);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var users = await ReadAsync(cancellationToken);
            if (users.Any(u => u.Email == normalized))
            {
                return null;
            }

            var account = new UserAccount("u_" + Guid.NewGuid().ToString("N"), normalized, "", _time.GetUtcNow());
            account = account with { PasswordHash = _hasher.HashPassword(account, password) };
            users.Add(account);
            await WriteAsync(users, cancellationToken);
            return account;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Returns the account when the email and password match, else <see langword="null"/>.</summary>
    public async Task<UserAccount?> VerifyAsync(string email, string password, CancellationToken cancellationToken = default)
    {
        var account = await FindAsync(email, cancellationToken);
        if (account is null)
        {
            // Spend the same time as a real check so response times do not reveal which emails exist.
            _hasher.VerifyHashedPassword(DummyAccount, DummyHash, password);
            return null;
        }

        var result = _hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await RehashAsync(account, password, cancellationToken);
        }

        return account;
    }

    private async Task RehashAsync(UserAccount account, string password, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var users = await ReadAsync(cancellationToken);
            var index = users.FindIndex(u => u.Id == account.Id);
            if (index >= 0)
            {
                users[index] = users[index] with { PasswordHash = _hasher.HashPassword(account, password) };
                await WriteAsync(users, cancellationToken);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<List<UserAccount>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        await using var stream = File.OpenRead(FilePath);
        var file = await JsonSerializer.DeserializeAsync<AccountsFile>(stream, Json, cancellationToken);
        return file?.Users ?? [];
    }

    private async Task WriteAsync(List<UserAccount> users, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var temp = FilePath + ".tmp";
        await using (var stream = File.Create(temp))
        {
            await JsonSerializer.SerializeAsync(stream, new AccountsFile { Users = users }, Json, cancellationToken);
        }

        File.Move(temp, FilePath, overwrite: true);
    }

    private sealed class AccountsFile
    {
        public List<UserAccount> Users { get; set; } = [];
    }
}
