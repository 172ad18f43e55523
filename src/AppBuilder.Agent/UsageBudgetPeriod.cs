namespace AppBuilder.Agent;

/// <summary>Over which time <see cref="AgentOptions.ProjectBudget"/> and <see cref="AgentOptions.UserBudget"/> count spending.</summary>
public enum UsageBudgetPeriod
{
    /// <summary>Everything ever spent.</summary>
    Total,

    /// <summary>The current UTC day.</summary>
    Day,

    /// <summary>The current UTC calendar month.</summary>
    Month,
}
