namespace AppBuilder.Agent.Mcp;

/// <summary>Registered once by <c>WithAppBuilderTools()</c>, so that calling it twice adds the tools once.</summary>
internal sealed class AppBuilderMcpMarker;
