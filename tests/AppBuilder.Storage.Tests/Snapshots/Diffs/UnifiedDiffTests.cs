using AppBuilder.Storage.Snapshots.Diffs;

namespace AppBuilder.Storage.Tests.Snapshots.Diffs;

public sealed class UnifiedDiffTests
{
    private static string Numbers(int from, int to) => string.Concat(Enumerable.Range(from, to - from + 1).Select(i => i + "\n"));

    [Fact]
    public void Create_ChangesFarApart_TwoHunksWithThreeLinesOfContext()
    {
        var oldText = Numbers(1, 20);
        var newText = "1\ntwo\n" + Numbers(3, 18) + "nineteen\n20\n";

        var (text, additions, deletions) = UnifiedDiff.Create("n.txt", oldText, newText);

        text.Should().Be(
            "--- a/n.txt\n+++ b/n.txt\n" +
            "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n" +
            "@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n");
        (additions, deletions).Should().Be((2, 2));
    }

    [Fact]
    public void Create_ChangesSixLinesApart_OneHunk()
    {
        var oldText = Numbers(1, 12);
        var newText = Numbers(1, 2) + "x\n" + Numbers(4, 9) + "y\n" + Numbers(11, 12);

        var (text, _, _) = UnifiedDiff.Create("n.txt", oldText, newText);

        text.Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)).Should().Be(1);
        text.Should().Contain("@@ -1,12 +1,12 @@\n");
    }

    [Fact]
    public void Create_FinalNewlineRemoved_MarksTheLineWithoutNewline()
    {
        var (text, additions, deletions) = UnifiedDiff.Create("a.txt", "a\nb\n", "a\nb");

        text.Should().Be("--- a/a.txt\n+++ b/a.txt\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n");
        (additions, deletions).Should().Be((1, 1));
    }

    [Fact]
    public void Create_EmptyFileAdded_HasHeadersOnly()
    {
        UnifiedDiff.Create("empty.txt", null, "").Text.Should().Be("--- /dev/null\n+++ b/empty.txt\n");
    }

    [Fact]
    public void Create_WindowsLineEndings_AreKeptInTheLines()
    {
        var (text, _, _) = UnifiedDiff.Create("w.txt", "a\r\nb\r\n", "a\r\nc\r\n");

        text.Should().Be("--- a/w.txt\n+++ b/w.txt\n@@ -1,2 +1,2 @@\n a\r\n-b\r\n+c\r\n");
    }
}
