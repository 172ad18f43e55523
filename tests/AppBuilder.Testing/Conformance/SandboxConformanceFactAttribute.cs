using Xunit.Sdk;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// A fact of the sandbox provider conformance suite: a <see cref="ConformanceFactAttribute"/> under its older name. It
/// is skipped, with the reason given, when the concrete test class has a public static <c>string? SkipReason</c>
/// property that returns a reason (for example "bubblewrap is not installed").
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("AppBuilder.Testing.Conformance.ConformanceFactDiscoverer", "AppBuilder.Testing")]
public sealed class SandboxConformanceFactAttribute : FactAttribute;
