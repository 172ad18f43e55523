using AppBuilder.Agent.Mcp;

namespace AppBuilder.Agent.Tests.Mcp;

public sealed class McpToolNamesTests
{
    [Theory]
    [InlineData("everything", "echo", "everything__echo")]
    [InlineData("everything", "get-sum", "everything__get-sum")]
    [InlineData("files", "read file/v2", "files__read_file_v2")]
    [InlineData("files", "ünïcode.tool", "files___n_code_tool")]
    public void Create_SanitizesToTheModelsRules(string server, string tool, string expected)
    {
        McpToolNames.Create(server, tool, new HashSet<string>()).Should().Be(expected);
    }

    [Fact]
    public void Create_TooLong_IsCutTo64()
    {
        var name = McpToolNames.Create("server", new string('t', 100), new HashSet<string>());

        name.Should().HaveLength(64).And.StartWith("server__ttt");
    }

    [Fact]
    public void Create_Collisions_GetNumericSuffixes_AndStayUniqueAndShort()
    {
        var taken = new HashSet<string>();

        var names = new[] { "a.b", "a_b", "a b", new string('x', 80), new string('x', 81) }
            .Select(t => McpToolNames.Create("s", t, taken)).ToList();

        names.Take(3).Should().Equal("s__a_b", "s__a_b_2", "s__a_b_3");
        names.Should().OnlyHaveUniqueItems();
        names.Should().OnlyContain(n => n.Length <= 64 && n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '-'));
    }

    [Theory]
    [InlineData("echo", new string[0], new string[0], true)]
    [InlineData("echo", new[] { "echo" }, new string[0], true)]
    [InlineData("echo", new[] { "get-*" }, new string[0], false)]
    [InlineData("get-sum", new[] { "get-*" }, new string[0], true)]
    [InlineData("get-sum", new[] { "*" }, new[] { "*-sum" }, false)]
    [InlineData("Echo", new[] { "echo" }, new string[0], false)]
    [InlineData("a-b-c", new[] { "a*c" }, new string[0], true)]
    [InlineData("a-b-c", new[] { "a*b" }, new string[0], false)]
    public void IsOffered_AppliesAllowThenDeny(string tool, string[] allow, string[] deny, bool expected)
    {
        McpToolNames.IsOffered(tool, allow, deny).Should().Be(expected);
    }
}
