using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using AppBuilder.AspNetCore.Cluster;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// Mints and checks preview grants and preview sessions: the claims of the person, the project and the editor origin,
/// serialised like an authentication ticket and protected with ASP.NET Core Data Protection
/// (<see cref="ITimeLimitedDataProtector"/>, one purpose for grants and another for sessions, so neither is accepted
/// as the other). A grant is short-lived and exchanged once: per host process, and in cluster mode across the cluster
/// too (<see cref="RedeemAsync"/> also records the grant's id in Redis, <c>SET NX</c> until the grant expires); a session lasts
/// <see cref="AppBuilderPreviewOptions.SessionLifetime"/>. Both are bound to one project. Thread-safe.
/// </summary>
internal sealed class PreviewGrants
{
    /// <summary>The Data Protection purpose of grants.</summary>
    public const string GrantPurpose = "AppBuilder.AspNetCore.Preview.Grant.v1";

    /// <summary>The Data Protection purpose of preview sessions (the cookie on the preview origin).</summary>
    public const string SessionPurpose = "AppBuilder.AspNetCore.Preview.Session.v1";

    private const string Scheme = "AppBuilder.Preview";
    private const string ProjectKey = "p";
    private const string EditorOriginKey = "e";
    private const string IdKey = "i";

    private readonly ITimeLimitedDataProtector _grants;
    private readonly ITimeLimitedDataProtector _sessions;
    private readonly IOptions<AppBuilderOptions> _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemed = new(StringComparer.Ordinal);
    private readonly ClusterRedis? _redis;

    public PreviewGrants(IDataProtectionProvider dataProtection, IOptions<AppBuilderOptions> options, TimeProvider time, ClusterRedis? redis = null)
    {
        _redis = redis;
        _grants = dataProtection.CreateProtector(GrantPurpose).ToTimeLimitedDataProtector();
        _sessions = dataProtection.CreateProtector(SessionPurpose).ToTimeLimitedDataProtector();
        _options = options;
        _time = time;
    }

    /// <summary>A grant token (URL-safe) for <paramref name="user"/> on <paramref name="projectId"/>.</summary>
    public string Mint(ClaimsPrincipal user, string projectId, string editorOrigin) =>
        Protect(_grants, user, projectId, editorOrigin, NewId(), _time.GetUtcNow() + _options.Value.Preview.GrantLifetime);

    /// <summary>
    /// Checks a grant token for <paramref name="projectId"/>'s origin and uses it up: null when it is malformed,
    /// tampered with, expired, for another project, or already exchanged.
    /// </summary>
    public PreviewGrant? Redeem(string? token, string projectId)
    {
        var grant = Unprotect(_grants, token, projectId);
        if (grant is null)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (_redeemed.Count > 256)
        {
            foreach (var (id, expiresAt) in _redeemed)
            {
                if (expiresAt < now)
                {
                    _redeemed.TryRemove(id, out _);
                }
            }
        }

        return _redeemed.TryAdd(grant.Id, grant.ExpiresAt) ? grant : null;
    }

    /// <summary>
    /// <see cref="Redeem"/>; in cluster mode the grant is recorded as used in Redis instead of this process
    /// (<c>SET NX</c> of its id until it expires), so that no host exchanges it a second time.
    /// </summary>
    /// <exception cref="RedisException">Redis is unreachable (see <see cref="ClusterRedis.IsOutage"/>); the grant is
    /// not used up then, and can be exchanged once Redis is back, within its lifetime.</exception>
    public async Task<PreviewGrant?> RedeemAsync(string? token, string projectId)
    {
        if (_redis is null)
        {
            return Redeem(token, projectId);
        }

        var grant = Unprotect(_grants, token, projectId);
        var ttl = grant is null ? TimeSpan.Zero : grant.ExpiresAt - _time.GetUtcNow();
        if (grant is null || ttl <= TimeSpan.Zero)
        {
            return null;
        }

        var first = await _redis.Database.StringSetAsync(_redis.Key("grant:" + grant.Id), "1", ttl + TimeSpan.FromSeconds(1), When.NotExists)
            .ConfigureAwait(false);
        return first ? grant : null;
    }

    /// <summary>The value of the preview-session cookie that <paramref name="grant"/> is exchanged for.</summary>
    public string CreateSession(PreviewGrant grant) =>
        Protect(_sessions, grant.User, grant.ProjectId, grant.EditorOrigin, grant.Id, _time.GetUtcNow() + _options.Value.Preview.SessionLifetime);

    /// <summary>The session a cookie value carries for <paramref name="projectId"/>; null when it is missing, malformed,
    /// tampered with, expired or for another project.</summary>
    public PreviewGrant? ReadSession(string? cookie, string projectId) => Unprotect(_sessions, cookie, projectId);

    private static string Protect(ITimeLimitedDataProtector protector, ClaimsPrincipal user, string projectId, string editorOrigin, string id,
        DateTimeOffset expiresAt)
    {
        var properties = new AuthenticationProperties();
        properties.Items[ProjectKey] = projectId;
        properties.Items[EditorOriginKey] = editorOrigin;
        properties.Items[IdKey] = id;
        properties.ExpiresUtc = expiresAt;
        var bytes = TicketSerializer.Default.Serialize(new AuthenticationTicket(user, properties, Scheme));
        return WebEncoders.Base64UrlEncode(protector.Protect(bytes, expiresAt));
    }

    private PreviewGrant? Unprotect(ITimeLimitedDataProtector protector, string? value, string projectId)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 16 * 1024)
        {
            return null;
        }

        AuthenticationTicket? ticket;
        try
        {
            var bytes = protector.Unprotect(WebEncoders.Base64UrlDecode(value), out _);
            ticket = TicketSerializer.Default.Deserialize(bytes);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return null;
        }

        // Data Protection checks the expiry against the system clock; the injected clock is asked too.
        if (ticket?.Properties is not { ExpiresUtc: { } expiresAt } properties || expiresAt <= _time.GetUtcNow()
            || !properties.Items.TryGetValue(ProjectKey, out var project) || !string.Equals(project, projectId, StringComparison.Ordinal)
            || !properties.Items.TryGetValue(EditorOriginKey, out var editorOrigin) || string.IsNullOrEmpty(editorOrigin)
            || !properties.Items.TryGetValue(IdKey, out var id) || string.IsNullOrEmpty(id))
        {
            return null;
        }

        return new PreviewGrant(projectId, ticket.Principal, editorOrigin, id, expiresAt);
    }

    private static string NewId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
}
