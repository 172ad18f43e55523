using AppBuilder.Internal;

namespace AppBuilder.Sandboxes.Tests.Shared;

/// <summary>The shared host-path scrubber (src/Shared/HostPaths.cs) as the local sandbox uses it: with its project
/// folder known.</summary>
public sealed class HostPathsTests
{
    private const string Root = "/var/lib/appbuilder/sandboxes/p1";

    [Theory]
    [InlineData("Could not find file '/var/lib/appbuilder/sandboxes/p1/src/App.tsx'.", "Could not find file 'src/App.tsx'.")]
    [InlineData("Access to the path '/var/lib/appbuilder/sandboxes/p1' is denied.", "Access to the path '.' is denied.")]
    [InlineData("Directory not empty : /var/lib/appbuilder/sandboxes/p1", "Directory not empty : .")]
    [InlineData("Could not find file '/var/lib/appbuilder/sandboxes/p12/secret.txt'.", "Could not find file '<host path>'.")]
    [InlineData("Cannot copy /var/lib/appbuilder/sandboxes/p1/a.txt to /home/alice/.ssh/id_rsa", "Cannot copy a.txt to <host path>")]
    [InlineData("Read-only file system: 'src/index.css'", "Read-only file system: 'src/index.css'")]
    public void Scrub_WithProjectRoot_RewritesProjectPathsAndRedactsTheRest(string message, string expected)
    {
        HostPaths.Scrub(message, Root).Should().Be(expected);
    }

    [Fact]
    public void Scrub_RootWithTrailingSeparator_TreatedAsTheSameRoot()
    {
        HostPaths.Scrub($"Could not find file '{Root}/x.txt'.", Root + "/").Should().Be("Could not find file 'x.txt'.");
    }

    [Theory]
    [InlineData("Could not find file '/tmp/x'.", "Could not find file '<host path>'.")]
    [InlineData("see https://example.com/docs/a and ./src or @scope/pkg", "see https://example.com/docs/a and ./src or @scope/pkg")]
    public void Scrub_WithoutRoot_RedactsAbsolutePathsOnly(string message, string expected)
    {
        HostPaths.Scrub(message).Should().Be(expected);
    }
}
