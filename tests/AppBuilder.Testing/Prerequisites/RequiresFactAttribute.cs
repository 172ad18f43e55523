using Xunit.Sdk;

namespace AppBuilder.Testing.Prerequisites;

/// <summary>
/// A fact that needs <see cref="Prerequisites"/> on the machine. When one is missing the test is reported as skipped
/// with the reason, or as failed under <c>APPBUILDER_REQUIRE_ALL_PREREQUISITES=1</c>; it never runs without it and so
/// never passes without having tested anything.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("AppBuilder.Testing.Prerequisites.RequiresFactDiscoverer", "AppBuilder.Testing")]
public sealed class RequiresFactAttribute(Prerequisite prerequisites) : FactAttribute
{
    /// <summary>What the test needs (flags).</summary>
    public Prerequisite Prerequisites { get; } = prerequisites;
}
