namespace AppBuilder.Agent;

/// <summary>The <c>Step</c> names the agent gives its model calls in usage records and usage events.</summary>
public static class UsageSteps
{
    /// <summary>A step of the agent loop (the model answering or calling tools).</summary>
    public const string Agent = "agent";

    /// <summary>The summary written when a long history is compacted.</summary>
    public const string Compaction = "compaction";
}
