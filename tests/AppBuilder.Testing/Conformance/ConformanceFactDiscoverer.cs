using System.Reflection;
using AppBuilder.Testing.Prerequisites;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AppBuilder.Testing.Conformance;

/// <summary>Discovers <see cref="ConformanceFactAttribute"/> facts against the concrete class's prerequisites.</summary>
public sealed class ConformanceFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _inner = new(diagnosticMessageSink);

    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute) =>
        UnrunnableTestCase.For(diagnosticMessageSink, discoveryOptions, testMethod, MissingReason(testMethod, factAttribute))
        ?? _inner.Discover(discoveryOptions, testMethod, factAttribute);

    /// <summary>Why the concrete class or the fact cannot run here, or null when it can.</summary>
    internal static string? MissingReason(ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        const BindingFlags StaticPublic = BindingFlags.Public | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        var type = testMethod.TestClass.Class.ToRuntimeType();
        var needs = UnrunnableTestCase.Read(factAttribute);
        if (type?.GetProperty("Prerequisites", StaticPublic)?.GetValue(null) is Prerequisite declared)
        {
            needs |= declared;
        }

        var reasons = new[]
        {
            type?.GetProperty("SkipReason", StaticPublic)?.GetValue(null) as string,
            PrerequisiteProbe.MissingReason(needs),
        }.OfType<string>().ToArray();
        return reasons.Length == 0 ? null : string.Join(" ", reasons);
    }
}
