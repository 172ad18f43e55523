using AppBuilder.Logs;

namespace AppBuilder.Abstractions.Tests.Logs;

public sealed class InMemoryProjectLogStoreTests
{
    private static ProjectLogEntry Entry(string message, ProjectLogKind kind = ProjectLogKind.Console) =>
        new(DateTimeOffset.UtcNow, kind, "info", message, "vite");

    [Fact]
    public void Read_ReturnsNewestEntriesOldestFirst()
    {
        var store = new InMemoryProjectLogStore();
        for (var i = 0; i < 10; i++)
        {
            store.Append("p1", Entry($"line {i}"));
        }

        store.Read("p1", ProjectLogKind.Console, max: 3).Select(e => e.Message).Should().Equal("line 7", "line 8", "line 9");
    }

    [Fact]
    public void Append_BeyondCapacity_DropsOldest()
    {
        var store = new InMemoryProjectLogStore(capacity: 5);
        for (var i = 0; i < 8; i++)
        {
            store.Append("p1", Entry($"line {i}"));
        }

        store.Read("p1", ProjectLogKind.Console).Select(e => e.Message).Should().Equal("line 3", "line 4", "line 5", "line 6", "line 7");
    }

    [Fact]
    public void Read_SearchIsCaseInsensitiveAndKindsAndProjectsAreSeparate()
    {
        var store = new InMemoryProjectLogStore();
        store.Append("p1", Entry("Failed to resolve import"));
        store.Append("p1", Entry("ready in 300 ms"));
        store.Append("p1", Entry("GET /api 404", ProjectLogKind.Network));
        store.Append("p2", Entry("failed elsewhere"));

        store.Read("p1", ProjectLogKind.Console, "FAILED").Should().ContainSingle().Which.Message.Should().StartWith("Failed");
        store.Read("p1", ProjectLogKind.Network).Should().ContainSingle();
        store.Read("p3", ProjectLogKind.Console).Should().BeEmpty();
    }

    [Fact]
    public void Clear_ForgetsOnlyThatProject()
    {
        var store = new InMemoryProjectLogStore();
        store.Append("p1", Entry("a"));
        store.Append("p2", Entry("b"));

        store.Clear("p1");

        store.Read("p1", ProjectLogKind.Console).Should().BeEmpty();
        store.Read("p2", ProjectLogKind.Console).Should().ContainSingle();
    }

    [Fact]
    public async Task Append_FromManyThreads_KeepsEveryEntryUpToCapacity()
    {
        var store = new InMemoryProjectLogStore(capacity: 10_000);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                store.Append("p", Entry($"{t}-{i}"));
            }
        })));

        store.Read("p", ProjectLogKind.Console, max: int.MaxValue).Should().HaveCount(4000);
    }
}
