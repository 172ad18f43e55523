using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AppBuilder.Testing.Conformance;

/// <summary>
/// A fact of a conformance suite. It is skipped, with the reason given, when the concrete test class has a public
/// static <c>string? SkipReason</c> property that returns a reason (for example "PostgreSQL is not installed").
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("AppBuilder.Testing.Conformance.ConformanceFactDiscoverer", "AppBuilder.Testing")]
public sealed class ConformanceFactAttribute : FactAttribute;

/// <summary>A theory of a conformance suite, skipped like <see cref="ConformanceFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("AppBuilder.Testing.Conformance.ConformanceTheoryDiscoverer", "AppBuilder.Testing")]
public sealed class ConformanceTheoryAttribute : TheoryAttribute;

/// <summary>Discovers <see cref="ConformanceFactAttribute"/> facts, skipping them when the concrete class says so.</summary>
public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        return ConformanceSkip.ReasonFor(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(diagnosticMessageSink, display, displayOptions, testMethod, reason, null)]
            : [new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod)];
    }
}

/// <summary>Discovers <see cref="ConformanceTheoryAttribute"/> theories, skipping them when the concrete class says so.</summary>
public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo theoryAttribute) =>
        ConformanceSkip.ReasonFor(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason, null)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}

internal static class ConformanceSkip
{
    public static string? ReasonFor(ITestMethod testMethod) =>
        testMethod.TestClass.Class.ToRuntimeType()?
            .GetProperty("SkipReason", BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy)?
            .GetValue(null) as string;
}
