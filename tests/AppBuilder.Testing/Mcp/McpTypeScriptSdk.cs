using AppBuilder.Testing.Npm;

namespace AppBuilder.Testing.Mcp;

/// <summary>The official MCP TypeScript SDK (<c>@modelcontextprotocol/sdk</c> from npm), installed once per machine
/// into the test cache, for tests that drive an MCP server with the reference client.</summary>
public static class McpTypeScriptSdk
{
    /// <summary>The npm package.</summary>
    public const string Package = "@modelcontextprotocol/sdk";

    /// <summary>The pinned version.</summary>
    public const string Version = "1.32.2";

    /// <summary>Returns the folder whose <c>node_modules</c> holds the SDK, installing it with npm when it is missing.</summary>
    public static Task<string> EnsureInstalledAsync(CancellationToken cancellationToken = default) =>
        NpmPackageInstaller.EnsureInstalledAsync(Package, Version, "the MCP server tests", cancellationToken);
}
