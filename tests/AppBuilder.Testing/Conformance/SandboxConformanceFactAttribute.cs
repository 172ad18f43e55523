using Xunit.Abstractions;
using Xunit.Sdk;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// A fact of a conformance suite. It is skipped, with the reason given, when the concrete test class has a public
/// static <c>string? SkipReason</c> property that returns a reason (for example "bubblewrap is not installed").
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("AppBuilder.Testing.Conformance.SandboxConformanceFactDiscoverer", "AppBuilder.Testing")]
public sealed class SandboxConformanceFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="SandboxConformanceFactAttribute"/> facts, skipping them when the concrete class says so.</summary>
public sealed class SandboxConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var reason = type?.GetProperty("SkipReason", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static
            | System.Reflection.BindingFlags.FlattenHierarchy)?.GetValue(null) as string;
        if (reason is not null)
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason, null)];
        }

        return [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}
