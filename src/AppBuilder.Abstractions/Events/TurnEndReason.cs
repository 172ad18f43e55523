namespace AppBuilder.Events;

/// <summary>Why an agent turn ended.</summary>
public enum TurnEndReason
{
    /// <summary>The model answered without calling a tool.</summary>
    Completed,

    /// <summary>The step budget ran out.</summary>
    StepBudgetExhausted,

    /// <summary>The caller cancelled the turn.</summary>
    Cancelled,

    /// <summary>An error ended the turn; an <see cref="ErrorEvent"/> precedes this one.</summary>
    Failed,
}
