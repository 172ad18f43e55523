using AppBuilder.Testing.Conformance;
using AppBuilder.Testing.Prerequisites;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace AppBuilder.Abstractions.Tests.Testing;

/// <summary>A test that cannot run here is discovered as a skip with the reason, or as a failure under RequireAll.</summary>
public sealed class PrerequisiteDiscoveryTests
{
    [Fact]
    public void Discover_SuiteWithSkipReason_IsSkippedWithTheReasonOrFailsUnderRequireAll()
    {
        var single = Discover(typeof(UnrunnableSuite)).Should().ContainSingle().Subject;

        if (PrerequisiteProbe.RequireAll)
        {
            single.Should().BeOfType<ExecutionErrorTestCase>().Which.ErrorMessage.Should()
                .Contain("no engine here").And.Contain(PrerequisiteProbe.RequireAllVariable);
        }
        else
        {
            single.SkipReason.Should().Contain("no engine here").And.Contain("eng/setup.sh");
        }
    }

    [Fact]
    public void Discover_SuiteWithNothingMissing_RunsNormally()
    {
        var single = Discover(typeof(RunnableSuite)).Should().ContainSingle().Subject;

        single.Should().BeOfType<XunitTestCase>();
        single.SkipReason.Should().BeNull();
    }

    [Fact]
    public void MissingReason_NoPrerequisite_IsNull() =>
        PrerequisiteProbe.MissingReason(Prerequisite.None).Should().BeNull();

    private static List<IXunitTestCase> Discover(Type suite)
    {
        var assembly = new TestAssembly(Reflector.Wrap(suite.Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "discovery"), Reflector.Wrap(suite));
        var method = new TestMethod(testClass, Reflector.Wrap(suite.GetMethod(nameof(UnrunnableSuite.Probe))!));
        var attribute = method.Method.GetCustomAttributes(typeof(ConformanceFactAttribute)).Single();
        return [.. new ConformanceFactDiscoverer(new NullMessageSink()).Discover(new DefaultOptions(), method, attribute)];
    }

    private sealed class DefaultOptions : ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;

        public void SetValue<TValue>(string name, TValue value)
        {
        }
    }

    // Abstract, so that xunit itself never discovers these facts; the tests above discover them by hand.
    public abstract class UnrunnableSuite
    {
        public static string? SkipReason => "no engine here";

        [ConformanceFact]
        public void Probe()
        {
        }
    }

    public abstract class RunnableSuite
    {
        [ConformanceFact]
        public void Probe()
        {
        }
    }
}
