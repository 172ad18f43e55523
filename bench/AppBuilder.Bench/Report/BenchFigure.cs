using System.Globalization;

namespace AppBuilder.Bench.Report;

/// <summary>One row of a bench table: a measured figure, its target (if any) and whether the target is met.</summary>
/// <param name="Name">What the figure is, such as "warm start (median of 5)".</param>
/// <param name="Value">The figure, formatted with its unit.</param>
/// <param name="Target">The target, formatted with its unit; empty when the figure has none.</param>
/// <param name="Status">Whether the target is met.</param>
public sealed record BenchFigure(string Name, string Value, string Target, TargetStatus Status)
{
    /// <summary>A figure printed for context, with no target.</summary>
    public static BenchFigure Info(string name, string value) => new(name, value, "", TargetStatus.Info);

    /// <summary>A figure that must be at most <paramref name="limit"/>.</summary>
    public static BenchFigure AtMost(string name, double value, double limit, string unit, string format = "0.0") =>
        new(name, Format(value, unit, format), "≤ " + Format(limit, unit, format), value <= limit ? TargetStatus.Pass : TargetStatus.Miss);

    /// <summary>A figure that must be at least <paramref name="limit"/>.</summary>
    public static BenchFigure AtLeast(string name, double value, double limit, string unit, string format = "0.0") =>
        new(name, Format(value, unit, format), "≥ " + Format(limit, unit, format), value >= limit ? TargetStatus.Pass : TargetStatus.Miss);

    /// <summary>Formats a number with invariant culture and a unit ("1.5 s", "4.2×").</summary>
    public static string Format(double value, string unit, string format = "0.0")
    {
        var number = value.ToString(format, CultureInfo.InvariantCulture);
        return unit.Length == 0 ? number : unit == "×" ? number + unit : number + " " + unit;
    }
}
