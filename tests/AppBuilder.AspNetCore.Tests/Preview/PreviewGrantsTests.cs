using System.Security.Claims;
using AppBuilder.AspNetCore.Preview;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace AppBuilder.AspNetCore.Tests.Preview;

public sealed class PreviewGrantsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly EphemeralDataProtectionProvider _dataProtection = new();

    private PreviewGrants Create() =>
        new(_dataProtection, Microsoft.Extensions.Options.Options.Create(new AppBuilderOptions()), _time);

    private static ClaimsPrincipal Alice() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "alice"), new Claim("team", "blue")], "Test"));

    [Fact]
    public void Redeem_FreshGrant_CarriesTheProjectThePersonAndTheEditorOrigin()
    {
        var grants = Create();
        var token = grants.Mint(Alice(), "abc", "http://127.0.0.1:5080");

        var grant = grants.Redeem(token, "abc");

        grant.Should().NotBeNull();
        grant!.ProjectId.Should().Be("abc");
        grant.EditorOrigin.Should().Be("http://127.0.0.1:5080");
        grant.User.FindFirst(ClaimTypes.NameIdentifier)!.Value.Should().Be("alice");
        grant.User.FindFirst("team")!.Value.Should().Be("blue");
        grant.User.Identity!.IsAuthenticated.Should().BeTrue();
        grant.ExpiresAt.Should().BeCloseTo(_time.GetUtcNow() + TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Redeem_Twice_IsRefusedTheSecondTime()
    {
        var grants = Create();
        var token = grants.Mint(Alice(), "abc", "http://e");

        grants.Redeem(token, "abc").Should().NotBeNull();
        grants.Redeem(token, "abc").Should().BeNull();
    }

    [Fact]
    public void Redeem_AfterTheGrantLifetime_IsRefused()
    {
        var grants = Create();
        var token = grants.Mint(Alice(), "abc", "http://e");

        _time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));

        grants.Redeem(token, "abc").Should().BeNull();
    }

    [Fact]
    public void Redeem_OnAnotherProjectsOrigin_IsRefused()
    {
        var grants = Create();
        var token = grants.Mint(Alice(), "abc", "http://e");

        grants.Redeem(token, "other").Should().BeNull();
        grants.Redeem(token, "abc").Should().NotBeNull("a refused attempt elsewhere does not use the grant up");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-1)]
    public void Redeem_TamperedToken_IsRefused(int position)
    {
        var grants = Create();
        var token = grants.Mint(Alice(), "abc", "http://e").ToCharArray();
        var at = position < 0 ? token.Length - 1 : position;
        token[at] = token[at] == 'A' ? 'B' : 'A';

        grants.Redeem(new string(token), "abc").Should().BeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("!!!")]
    public void Redeem_Garbage_IsRefused(string? token)
    {
        Create().Redeem(token, "abc").Should().BeNull();
    }

    [Fact]
    public void GrantsAndSessions_AreNotAcceptedAsEachOther()
    {
        var grants = Create();
        var grant = grants.Redeem(grants.Mint(Alice(), "abc", "http://e"), "abc")!;
        var session = grants.CreateSession(grant);

        grants.ReadSession(session, "abc").Should().NotBeNull();
        grants.Redeem(session, "abc").Should().BeNull();
        grants.ReadSession(grants.Mint(Alice(), "abc", "http://e"), "abc").Should().BeNull();
    }

    [Fact]
    public void Session_ExpiresAfterTheSessionLifetime_AndIsBoundToItsProject()
    {
        var grants = Create();
        var session = grants.CreateSession(grants.Redeem(grants.Mint(Alice(), "abc", "http://e"), "abc")!);

        grants.ReadSession(session, "other").Should().BeNull();
        _time.Advance(TimeSpan.FromHours(11));
        grants.ReadSession(session, "abc").Should().NotBeNull();
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        grants.ReadSession(session, "abc").Should().BeNull();
    }

    [Fact]
    public void Tokens_FromAnotherKeyRing_AreRefused()
    {
        var token = new PreviewGrants(new EphemeralDataProtectionProvider(), Microsoft.Extensions.Options.Options.Create(new AppBuilderOptions()), _time)
            .Mint(Alice(), "abc", "http://e");

        Create().Redeem(token, "abc").Should().BeNull();
    }
}
