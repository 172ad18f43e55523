namespace AppBuilder.AspNetCore.Fixes;

/// <summary>How asking for a fix turn went.</summary>
/// <param name="Status">Started, or why not.</param>
/// <param name="SessionId">The chat session the fix turn runs in, when it started.</param>
internal sealed record FixStartOutcome(FixStartStatus Status, string? SessionId = null);

/// <summary>Why a fix turn did or did not start.</summary>
internal enum FixStartStatus
{
    /// <summary>The fix turn runs.</summary>
    Started,

    /// <summary>The project has no such error (any more).</summary>
    NotFound,

    /// <summary>A turn of the project runs (a person's or another fix), or the project is paused.</summary>
    Busy,

    /// <summary>The error is being fixed or verified already.</summary>
    AlreadyFixing,

    /// <summary>The project has no chat session to run the turn in.</summary>
    NoSession,
}
