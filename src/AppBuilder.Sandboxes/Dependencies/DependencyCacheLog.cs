using Microsoft.Extensions.Logging;

namespace AppBuilder.Sandboxes.Dependencies;

/// <summary>Log messages of the dependency cache and installer (event ids 2200–2299).</summary>
internal static partial class DependencyCacheLog
{
    [LoggerMessage(2200, LogLevel.Information, "Preparing dependencies {Key} with npm ci.")]
    public static partial void Preparing(ILogger logger, string key);

    [LoggerMessage(2201, LogLevel.Information, "Prepared dependencies {Key} in {Duration}.")]
    public static partial void Prepared(ILogger logger, string key, TimeSpan duration);

    [LoggerMessage(2202, LogLevel.Information, "Project {ProjectId}: linked dependencies {Key} ({Linked} links, {Copied} copies) in {Duration}.")]
    public static partial void Linked(ILogger logger, string projectId, string key, int linked, int copied, TimeSpan duration);

    [LoggerMessage(2203, LogLevel.Information, "Project {ProjectId}: its lockfile differs from the template's; running {Command} in the sandbox.")]
    public static partial void Installing(ILogger logger, string projectId, string command);

    [LoggerMessage(2204, LogLevel.Information, "Project {ProjectId}: no package.json, nothing to install.")]
    public static partial void NothingToInstall(ILogger logger, string projectId);
}
