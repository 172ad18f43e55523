namespace AppBuilder.Agent.Tests.Mcp;

/// <summary>Runs the MCP server integration tests one class at a time (see <see cref="McpHarness.Collection"/>).</summary>
[CollectionDefinition(McpHarness.Collection)]
public sealed class McpServersCollection;
