namespace AppBuilder.Storage;

/// <summary>How a recorded model call ended.</summary>
public enum UsageOutcome
{
    /// <summary>The model answered.</summary>
    Ok,

    /// <summary>The call failed; <see cref="UsageRecord.ErrorCode"/> says how.</summary>
    Error,

    /// <summary>The turn was stopped while the call ran.</summary>
    Cancelled,
}
