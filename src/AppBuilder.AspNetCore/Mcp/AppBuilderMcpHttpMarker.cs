namespace AppBuilder.AspNetCore.Mcp;

/// <summary>Registered by <c>AddMcpServer()</c> on the AppBuilder builder; <c>MapAppBuilderMcp</c> checks for it.</summary>
internal sealed class AppBuilderMcpHttpMarker;
