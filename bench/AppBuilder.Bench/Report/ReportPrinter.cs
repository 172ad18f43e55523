using System.Globalization;
using System.Text;

namespace AppBuilder.Bench.Report;

/// <summary>Prints bench reports as aligned text tables and as markdown (for <c>docs/benchmarks.md</c>).</summary>
public static class ReportPrinter
{
    private static readonly string[] Header = ["Figure", "Measured", "Target", "Result"];

    /// <summary>Writes one report as a text table with its notes.</summary>
    public static void WriteTable(TextWriter writer, BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteLine();
        writer.WriteLine($"== {report.Name}: {report.Title} ({Seconds(report.Elapsed)})");
        if (report.Error is not null)
        {
            writer.WriteLine($"   FAILED: {report.Error}");
        }

        if (report.Figures.Count > 0)
        {
            var rows = report.Figures.Select(f => new[] { f.Name, f.Value, f.Target.Length == 0 ? "-" : f.Target, Result(f.Status) }).ToList();
            var widths = Enumerable.Range(0, Header.Length).Select(i => Math.Max(Header[i].Length, rows.Max(r => r[i].Length))).ToArray();
            var rule = "   +" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
            writer.WriteLine(rule);
            writer.WriteLine(Line(Header, widths));
            writer.WriteLine(rule);
            foreach (var row in rows)
            {
                writer.WriteLine(Line(row, widths));
            }

            writer.WriteLine(rule);
        }

        foreach (var note in report.Notes)
        {
            writer.WriteLine($"   {note}");
        }
    }

    /// <summary>Writes every report as markdown: a heading, a table and the notes as a list.</summary>
    public static void WriteMarkdown(TextWriter writer, MachineInfo machine, string command, DateTimeOffset started, string loadBefore,
        string loadAfter, IReadOnlyList<BenchReport> reports)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(reports);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {started:yyyy-MM-dd HH:mm} UTC: `{command}`  ");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Machine: {machine.Cores} cores ({machine.CpuModel}), {machine.MemoryGiB:0.#} GiB, {machine.OperatingSystem}; {machine.Runtime}; node {machine.Node}; {machine.Chromium}  ");
        text.AppendLine(CultureInfo.InvariantCulture, $"Load average (1/5/15 min) before: {loadBefore}; after: {loadAfter}");
        foreach (var report in reports)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"#### `{report.Name}` — {report.Title} ({Seconds(report.Elapsed)})");
            text.AppendLine();
            if (report.Error is not null)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"**Failed:** {report.Error}");
                text.AppendLine();
            }

            if (report.Figures.Count > 0)
            {
                text.AppendLine("| Figure | Measured | Target | Result |");
                text.AppendLine("|---|---:|---:|:---:|");
                foreach (var figure in report.Figures)
                {
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"| {figure.Name} | {figure.Value} | {(figure.Target.Length == 0 ? "—" : figure.Target)} | {Result(figure.Status)} |");
                }

                text.AppendLine();
            }

            foreach (var note in report.Notes)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        writer.Write(text.ToString());
    }

    /// <summary>Writes the closing summary: one line per bench with its verdict.</summary>
    public static void WriteSummary(TextWriter writer, IReadOnlyList<BenchReport> reports)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reports);
        writer.WriteLine();
        writer.WriteLine("== summary");
        foreach (var report in reports)
        {
            var verdict = report.Error is not null ? "FAILED" : report.AllTargetsMet ? "PASS" : "MISS";
            var missed = report.Figures.Where(f => f.Status == TargetStatus.Miss).Select(f => f.Name).ToList();
            var detail = missed.Count == 0 ? "" : " (missed: " + string.Join("; ", missed) + ")";
            writer.WriteLine($"   {report.Name,-8} {verdict}{detail}");
        }
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder("   |");
        for (var i = 0; i < cells.Length; i++)
        {
            // Names left-aligned, figures right-aligned, the verdict centred enough.
            var cell = i == 0 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]);
            line.Append(' ').Append(cell).Append(" |");
        }

        return line.ToString();
    }

    private static string Result(TargetStatus status) => status switch
    {
        TargetStatus.Pass => "PASS",
        TargetStatus.Miss => "MISS",
        _ => "info",
    };

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
