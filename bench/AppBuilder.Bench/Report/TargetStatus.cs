namespace AppBuilder.Bench.Report;

/// <summary>How a figure compares with its target.</summary>
public enum TargetStatus
{
    /// <summary>The figure has no target; it is printed for context.</summary>
    Info,

    /// <summary>The figure meets its target.</summary>
    Pass,

    /// <summary>The figure misses its target.</summary>
    Miss,
}
