namespace AppBuilder.Bench.Report;

/// <summary>What one bench measured, ready to print: a table of figures with their targets, plus notes.</summary>
/// <param name="Name">The bench's command-line name (<c>preview</c>, <c>agent</c>, <c>streams</c>, <c>hmr</c>).</param>
/// <param name="Title">A one-line title.</param>
/// <param name="Figures">The rows of the table.</param>
/// <param name="Notes">Lines printed under the table: how the figures were measured, raw samples, caveats.</param>
/// <param name="Elapsed">Wall time the bench took.</param>
/// <param name="Error">Why the bench could not run to the end, when it failed; the figures are then empty.</param>
public sealed record BenchReport(string Name, string Title, IReadOnlyList<BenchFigure> Figures, IReadOnlyList<string> Notes,
    TimeSpan Elapsed, string? Error = null)
{
    /// <summary>Whether every figure that has a target met it, and the bench ran to the end.</summary>
    public bool AllTargetsMet => Error is null && Figures.All(f => f.Status != TargetStatus.Miss);
}
