using AppBuilder.Testing.Prerequisites;
using Xunit.Sdk;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// A fact of a conformance suite. The concrete test class says what its implementation needs with a public static
/// <c>Prerequisite Prerequisites</c> property (for example <see cref="Prerequisite.Bubblewrap"/>), or why it cannot run
/// here with a public static <c>string? SkipReason</c>; a fact can add its own needs through the constructor. When
/// anything is missing the fact is skipped with the reason, or fails under <c>APPBUILDER_REQUIRE_ALL_PREREQUISITES=1</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("AppBuilder.Testing.Conformance.ConformanceFactDiscoverer", "AppBuilder.Testing")]
public sealed class ConformanceFactAttribute : FactAttribute
{
    /// <summary>A fact with no needs beyond the concrete class's.</summary>
    public ConformanceFactAttribute()
    {
    }

    /// <summary>A fact that also needs <paramref name="prerequisites"/>.</summary>
    public ConformanceFactAttribute(Prerequisite prerequisites) => Prerequisites = prerequisites;

    /// <summary>What this fact needs beyond the concrete class's prerequisites.</summary>
    public Prerequisite Prerequisites { get; }
}
