using Xunit.Abstractions;
using Xunit.Sdk;

namespace AppBuilder.Testing.Prerequisites;

/// <summary>The test case that stands for a test whose prerequisite is missing: skipped, or failed under RequireAll.</summary>
internal static class UnrunnableTestCase
{
    /// <summary>The <see cref="Prerequisite"/> flags given to an attribute's constructor (none when it takes none).</summary>
    public static Prerequisite Read(IAttributeInfo attribute) =>
        attribute.GetConstructorArguments().OfType<Prerequisite>().Aggregate(Prerequisite.None, (all, p) => all | p);

    /// <summary>
    /// Null when <paramref name="missingReason"/> is null (the test can run); otherwise one test case that reports the
    /// reason as a skip or, under <see cref="PrerequisiteProbe.RequireAll"/>, as a failure.
    /// </summary>
    public static IXunitTestCase[]? For(IMessageSink sink, ITestFrameworkDiscoveryOptions options, ITestMethod method, string? missingReason)
    {
        if (missingReason is null)
        {
            return null;
        }

        var display = options.MethodDisplayOrDefault();
        var displayOptions = options.MethodDisplayOptionsOrDefault();
        var message = PrerequisiteProbe.Describe(missingReason);
        return PrerequisiteProbe.RequireAll
            ? [new ExecutionErrorTestCase(sink, display, displayOptions, method, message)]
            : [new XunitSkippedDataRowTestCase(sink, display, displayOptions, method, message)];
    }
}
