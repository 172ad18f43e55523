using AppBuilder.Sandboxes;

namespace AppBuilder.Abstractions.Tests.Sandboxes;

public sealed class SandboxPathTests
{
    [Theory]
    [InlineData("src/App.tsx", "src/App.tsx")]
    [InlineData("./src/App.tsx", "src/App.tsx")]
    [InlineData("src//components/./Button.tsx", "src/components/Button.tsx")]
    [InlineData("src\\components\\Button.tsx", "src/components/Button.tsx")]
    [InlineData("  index.html ", "index.html")]
    [InlineData("src/", "src")]
    public void Normalize_RelativePath_ReturnsCanonicalForm(string input, string expected)
    {
        SandboxPath.Normalize(input).Should().Be(expected);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("src/../../etc/passwd")]
    [InlineData("src/..")]
    [InlineData("/etc/passwd")]
    [InlineData("\\etc\\passwd")]
    [InlineData("C:\\Windows\\win.ini")]
    [InlineData("c:/x")]
    [InlineData("~/secrets")]
    [InlineData("src/\0evil.ts")]
    [InlineData("src/\u0007bell")]
    public void Normalize_HostilePath_ThrowsSandboxPathException(string input)
    {
        var act = () => SandboxPath.Normalize(input);

        act.Should().Throw<SandboxPathException>().Which.Path.Should().Be(input);
    }

    [Fact]
    public void Normalize_NulByte_MessageShowsItEscaped()
    {
        var act = () => SandboxPath.Normalize("a\0b");

        act.Should().Throw<SandboxPathException>().WithMessage("*a\\0b*NUL*");
    }

    [Fact]
    public void Normalize_TooLong_Throws()
    {
        var act = () => SandboxPath.Normalize(new string('a', SandboxPath.MaxLength + 1));

        act.Should().Throw<SandboxPathException>().WithMessage("*longer than*");
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("./")]
    public void Normalize_Root_ThrowsUnlessAllowed(string input)
    {
        var act = () => SandboxPath.Normalize(input);

        act.Should().Throw<SandboxPathException>();
        SandboxPath.Normalize(input, allowRoot: true).Should().BeEmpty();
    }

    [Fact]
    public void Normalize_Null_Throws()
    {
        var act = () => SandboxPath.Normalize(null);

        act.Should().Throw<SandboxPathException>();
    }

    [Theory]
    [InlineData("src/App.tsx", "src")]
    [InlineData("index.html", "")]
    [InlineData("a/b/c", "a/b")]
    public void GetParent_ReturnsFolder(string path, string parent)
    {
        SandboxPath.GetParent(path).Should().Be(parent);
    }

    [Theory]
    [InlineData("", "a", "a")]
    [InlineData("a", "", "a")]
    [InlineData("a", "b/c", "a/b/c")]
    public void Combine_JoinsWithSlash(string left, string right, string expected)
    {
        SandboxPath.Combine(left, right).Should().Be(expected);
    }
}
