using AppBuilder.Testing.Prerequisites;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AppBuilder.Testing.Conformance;

/// <summary>Discovers <see cref="ConformanceTheoryAttribute"/> theories against the concrete class's prerequisites.</summary>
public sealed class ConformanceTheoryDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly TheoryDiscoverer _inner = new(diagnosticMessageSink);

    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute) =>
        UnrunnableTestCase.For(diagnosticMessageSink, discoveryOptions, testMethod,
            ConformanceFactDiscoverer.MissingReason(testMethod, factAttribute))
        ?? _inner.Discover(discoveryOptions, testMethod, factAttribute);
}
