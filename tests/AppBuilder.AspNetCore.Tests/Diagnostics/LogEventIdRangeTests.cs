using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Tests.Diagnostics;

/// <summary>
/// Every <c>[LoggerMessage]</c> of every AppBuilder package, found by reflection (so a message added later is covered
/// without touching this test): its event id lies in its package's range (docs/configuration.md, "Logging") and no
/// two messages anywhere share one.
/// </summary>
public sealed class LogEventIdRangeTests
{
    private static readonly (string Assembly, int First, int Last)[] Ranges =
    [
        ("AppBuilder.Abstractions", 1000, 1999),
        ("AppBuilder.Sandboxes", 2000, 2999),
        ("AppBuilder.Agent", 3000, 3999),
        ("AppBuilder.Storage", 4000, 4999),
        ("AppBuilder.AspNetCore", 5000, 5999),
    ];

    public static TheoryData<string> Packages => new(Ranges.Select(r => r.Assembly));

    [Theory]
    [MemberData(nameof(Packages))]
    public void LoggerMessages_UseTheirPackagesRange(string assemblyName)
    {
        var (_, first, last) = Ranges.Single(r => r.Assembly == assemblyName);

        var outside = Messages(Assembly.Load(assemblyName)).Where(m => m.EventId < first || m.EventId > last)
            .Select(m => $"{m.Name} ({m.EventId})");

        outside.Should().BeEmpty($"{assemblyName} logs with event ids {first}–{last}");
    }

    [Fact]
    public void LoggerMessages_AcrossPackages_NeverShareAnEventId()
    {
        var all = Ranges.SelectMany(r => Messages(Assembly.Load(r.Assembly))).ToList();

        all.Should().HaveCountGreaterThan(50, "the packages log through [LoggerMessage]");
        all.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}")
            .Should().BeEmpty();
    }

    private static IEnumerable<(string Name, int EventId)> Messages(Assembly assembly) =>
        from type in assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        let attribute = method.GetCustomAttribute<LoggerMessageAttribute>()
        where attribute is not null
        select ($"{type.Name}.{method.Name}", attribute.EventId);
}
