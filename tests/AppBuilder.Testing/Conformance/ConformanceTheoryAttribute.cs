using AppBuilder.Testing.Prerequisites;
using Xunit.Sdk;

namespace AppBuilder.Testing.Conformance;

/// <summary>A theory of a conformance suite, skipped or failed like a <see cref="ConformanceFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("AppBuilder.Testing.Conformance.ConformanceTheoryDiscoverer", "AppBuilder.Testing")]
public sealed class ConformanceTheoryAttribute : TheoryAttribute
{
    /// <summary>A theory with no needs beyond the concrete class's.</summary>
    public ConformanceTheoryAttribute()
    {
    }

    /// <summary>A theory that also needs <paramref name="prerequisites"/>.</summary>
    public ConformanceTheoryAttribute(Prerequisite prerequisites) => Prerequisites = prerequisites;

    /// <summary>What this theory needs beyond the concrete class's prerequisites.</summary>
    public Prerequisite Prerequisites { get; }
}
