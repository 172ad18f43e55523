using AppBuilder.Storage;

namespace AppBuilder.Abstractions.Tests.Storage;

public sealed class CheckpointIgnoreRulesTests
{
    [Theory]
    [InlineData("*.log", "debug.log", true)]
    [InlineData("*.log", "logs/deep/debug.log", true)]
    [InlineData("*.log", "debug.log.txt", false)]
    [InlineData("secret.txt", "a/b/secret.txt", true)]
    [InlineData("/secret.txt", "secret.txt", true)]
    [InlineData("/secret.txt", "a/secret.txt", false)]
    [InlineData("docs/*.md", "docs/a.md", true)]
    [InlineData("docs/*.md", "docs/sub/a.md", false)]
    [InlineData("docs/*.md", "x/docs/a.md", false)]
    [InlineData("**/cache", "a/b/cache", true)]
    [InlineData("**/cache", "cache", true)]
    [InlineData("a/**/b.txt", "a/b.txt", true)]
    [InlineData("a/**/b.txt", "a/x/y/b.txt", true)]
    [InlineData("out/**", "out/x/y.js", true)]
    [InlineData("out/**", "out", false)]
    [InlineData("file?.txt", "file1.txt", true)]
    [InlineData("file?.txt", "file10.txt", false)]
    [InlineData("file[0-9].txt", "file7.txt", true)]
    [InlineData("file[!0-9].txt", "file7.txt", false)]
    [InlineData("file[!0-9].txt", "fileA.txt", true)]
    [InlineData("\\#notes", "#notes", true)]
    [InlineData("# a comment", "# a comment", false)]
    [InlineData("tmp/", "tmp/a.txt", true)]
    [InlineData("tmp/", "tmp", false)]
    [InlineData("tmp/", "src/tmp/a.txt", true)]
    public void IsIgnored_OnePattern_MatchesLikeGit(string pattern, string path, bool ignored)
    {
        CheckpointIgnoreRules.Parse(pattern).IsIgnored(path).Should().Be(ignored);
    }

    [Fact]
    public void IsIgnored_DirectoryOnlyPattern_MatchesAFolderButNotAFileOfThatName()
    {
        var rules = CheckpointIgnoreRules.Parse("build/");

        rules.IsIgnored("build", isDirectory: true).Should().BeTrue();
        rules.IsIgnored("build", isDirectory: false).Should().BeFalse();
    }

    [Fact]
    public void IsIgnored_NegationAfterAPattern_ReincludesAndTheLastMatchWins()
    {
        var rules = CheckpointIgnoreRules.Parse("*.env\n!example.env\n# comment\n\nlocal/example.env\n");

        rules.IsIgnored("prod.env").Should().BeTrue();
        rules.IsIgnored("example.env").Should().BeFalse();
        rules.IsIgnored("config/example.env").Should().BeFalse();
        rules.IsIgnored("local/example.env").Should().BeTrue();
    }

    [Fact]
    public void IsIgnored_FileInsideAnIgnoredFolder_CannotBeReincluded()
    {
        var rules = CheckpointIgnoreRules.Parse("private/\n!private/keep.txt\n");

        rules.IsIgnored("private/keep.txt").Should().BeTrue();
    }

    [Fact]
    public void Parse_TrailingSpacesAndWindowsLineEndings_AreIgnored()
    {
        var rules = CheckpointIgnoreRules.Parse("a.txt   \r\nb.txt\r\n");

        rules.IsIgnored("a.txt").Should().BeTrue();
        rules.IsIgnored("b.txt").Should().BeTrue();
    }

    [Fact]
    public void Parse_EmptyOrCommentsOnly_IsEmpty()
    {
        CheckpointIgnoreRules.Parse(null).IsEmpty.Should().BeTrue();
        CheckpointIgnoreRules.Parse("# nothing\n\n").IsEmpty.Should().BeTrue();
        CheckpointIgnoreRules.Parse("# nothing\n").IsIgnored("anything").Should().BeFalse();
    }

    [Fact]
    public void Parse_InvalidPattern_MatchesNothingAndTheRestStillApplies()
    {
        var rules = CheckpointIgnoreRules.Parse("[!]\n*.tmp\n");

        rules.IsIgnored("a.tmp").Should().BeTrue();
        rules.IsIgnored("[!]").Should().BeFalse();
    }

    [Fact]
    public void Parse_TooLarge_ThrowsArgumentException()
    {
        var act = () => CheckpointIgnoreRules.Parse(new string('a', CheckpointIgnoreRules.MaxFileBytes + 1));

        act.Should().Throw<ArgumentException>();
    }
}
