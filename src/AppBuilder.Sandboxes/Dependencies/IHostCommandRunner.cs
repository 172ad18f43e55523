namespace AppBuilder.Sandboxes.Dependencies;

/// <summary>Runs a trusted command on the host (outside any sandbox), such as <c>npm ci</c> for a template's lockfile.</summary>
internal interface IHostCommandRunner
{
    /// <summary>Runs <paramref name="command"/> (argv) in <paramref name="workingDirectory"/> and returns its outcome.</summary>
    Task<ProcessResult> RunAsync(IReadOnlyList<string> command, string workingDirectory, TimeSpan timeout,
        CancellationToken cancellationToken = default);
}
