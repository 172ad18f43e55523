using Xunit.Sdk;

namespace AppBuilder.Testing.Prerequisites;

/// <summary>A theory that needs <see cref="Prerequisites"/>; see <see cref="RequiresFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("AppBuilder.Testing.Prerequisites.RequiresTheoryDiscoverer", "AppBuilder.Testing")]
public sealed class RequiresTheoryAttribute(Prerequisite prerequisites) : TheoryAttribute
{
    /// <summary>What the test needs (flags).</summary>
    public Prerequisite Prerequisites { get; } = prerequisites;
}
