using Xunit.Abstractions;
using Xunit.Sdk;

namespace AppBuilder.Testing.Prerequisites;

/// <summary>Discovers <see cref="RequiresFactAttribute"/> facts: a skipped or failing case when a prerequisite is missing.</summary>
public sealed class RequiresFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _inner = new(diagnosticMessageSink);

    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod,
        IAttributeInfo factAttribute) =>
        UnrunnableTestCase.For(diagnosticMessageSink, discoveryOptions, testMethod, PrerequisiteProbe.MissingReason(UnrunnableTestCase.Read(factAttribute)))
        ?? _inner.Discover(discoveryOptions, testMethod, factAttribute);
}
