using System.Reflection;
using AppBuilder.Mcp;
using AppBuilder.Storage;

namespace AppBuilder.Abstractions.Tests.Storage;

/// <summary>The records with hand-written equality (collections by content) must compare every property: a property
/// added later and forgotten in <c>Equals</c> fails here.</summary>
public sealed class RecordEqualityTests
{
    private static readonly ProjectRecord s_project = new()
    {
        Id = "p1",
        OwnerId = "alice",
        Title = "Todo",
        CreatedAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
        McpServers = new Dictionary<string, McpServerDefinition> { ["a"] = new() { Command = "x", Args = ["1"] } },
    };

    public static TheoryData<string> ProjectProperties() => Names<ProjectRecord>();

    public static TheoryData<string> DefinitionProperties() => Names<McpServerDefinition>();

    [Fact]
    public void EqualContent_InNewCollections_IsEqual()
    {
        var copy = s_project with
        {
            McpServers = new Dictionary<string, McpServerDefinition> { ["a"] = new() { Command = "x", Args = new List<string> { "1" } } },
        };

        copy.Should().Be(s_project);
        copy.GetHashCode().Should().Be(s_project.GetHashCode());
        new McpServerDefinition { Headers = new Dictionary<string, string> { ["Authorization"] = "t" } }
            .Should().Be(new McpServerDefinition { Headers = new Dictionary<string, string> { ["authorization"] = "t" } });
    }

    [Theory]
    [MemberData(nameof(ProjectProperties))]
    public void ProjectRecord_EveryPropertyTakesPartInEquality(string property) =>
        Changed(s_project, property).Should().NotBe(s_project, $"{property} differs");

    [Theory]
    [MemberData(nameof(DefinitionProperties))]
    public void McpServerDefinition_EveryPropertyTakesPartInEquality(string property)
    {
        var definition = new McpServerDefinition { Command = "x" };

        Changed(definition, property).Should().NotBe(definition, $"{property} differs");
    }

    private static TheoryData<string> Names<T>()
    {
        var data = new TheoryData<string>();
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            data.Add(p.Name);
        }

        return data;
    }

    private static T Changed<T>(T record, string property) where T : class
    {
        var clone = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(record, null)!;
        var info = typeof(T).GetProperty(property)!;
        info.SetValue(clone, Different(info.PropertyType, info.GetValue(record)));
        return clone;
    }

    private static object? Different(Type type, object? value) => type switch
    {
        _ when type == typeof(string) => (string?)value + "-changed",
        _ when type == typeof(bool) => !(bool)value!,
        _ when type == typeof(DateTimeOffset) => ((DateTimeOffset)value!).AddHours(1),
        _ when type == typeof(DateTimeOffset?) => ((DateTimeOffset?)value ?? DateTimeOffset.UnixEpoch).AddHours(1),
        _ when type.IsEnum => Enum.GetValues(type).Cast<object>().First(v => !v.Equals(value)),
        _ when type == typeof(IReadOnlyList<string>) => new List<string> { "changed" },
        _ when type == typeof(IReadOnlyDictionary<string, string>) => new Dictionary<string, string> { ["CHANGED"] = "1" },
        _ when type == typeof(IReadOnlyDictionary<string, McpServerDefinition>) =>
            new Dictionary<string, McpServerDefinition> { ["changed"] = new() { Command = "y" } },
        _ => throw new NotSupportedException($"Add a changed value for {type} to this test."),
    };
}
