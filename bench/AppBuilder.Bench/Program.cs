using System.Diagnostics;
using AppBuilder.Bench.Report;

// dotnet run -c Release --project bench/AppBuilder.Bench -- [all|preview|agent|streams|hmr|persist ...]
// Runs the named benches (default: all), prints a table per bench with the figures and their targets side by side,
// a summary, and the same results as markdown for docs/benchmarks.md. Exit code: 0 every target met, 1 a target
// missed, 2 a bench failed to run, 64 bad arguments.
(string Name, string Description, Func<CancellationToken, Task<BenchReport>> Run)[] benches =
[
    ("preview", "create project -> preview 200: cold, warm and the seed-003 flow side by side", PreviewBenchReport.RunAsync),
    ("agent", "agent-loop overhead per tool call, scripted model, in-memory sandbox", AgentBenchReport.RunAsync),
    ("streams", "1,000 concurrent chat SSE streams against one host: event latency and drops", StreamsBenchReport.RunAsync),
    ("hmr", "agent file write -> preview DOM updated, Chromium through the preview proxy", HmrBenchReport.RunAsync),
    ("cluster", "event latency across two hosts through Redis: added delay p50/p99", AppBuilder.Bench.Cluster.CrossHostLatencyBench.RunAsync),
    ("persist", "2,000-file project: first persist, 1-file persist, restore; S3 snapshot store vs tar.gz on s3rver", PersistBenchReport.RunAsync),
];

if (args.Any(a => a is "-h" or "--help" or "help"))
{
    PrintUsage(Console.Out);
    return 0;
}

var names = args.Length == 0 || args.Any(a => string.Equals(a, "all", StringComparison.OrdinalIgnoreCase))
    ? benches.Select(b => b.Name).ToList()
    : args.Select(a => a.ToLowerInvariant()).Distinct().ToList();
var unknown = names.Where(n => benches.All(b => b.Name != n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown bench: {string.Join(", ", unknown)}.");
    PrintUsage(Console.Error);
    return 64;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the benches stop their servers and delete their folders.
    e.Cancel = true;
    cancellation.Cancel();
};

var command = "dotnet run -c Release --project bench/AppBuilder.Bench --" + (args.Length == 0 ? "" : " " + string.Join(' ', args));
var started = DateTimeOffset.UtcNow;
var loadBefore = MachineInfo.LoadAverage();
var machine = await MachineInfo.ReadAsync();
Console.WriteLine($"AppBuilder benches: {string.Join(", ", names)}");
Console.WriteLine($"  {command}");
Console.WriteLine($"  {started:yyyy-MM-dd HH:mm:ss} UTC; {machine.Cores} cores ({machine.CpuModel}), {machine.MemoryGiB:0.#} GiB, {machine.OperatingSystem}");
Console.WriteLine($"  {machine.Runtime}; node {machine.Node}; {machine.Chromium}");
Console.WriteLine($"  load average (1/5/15 min): {loadBefore}");
#if DEBUG
Console.WriteLine("  WARNING: Debug build; run with -c Release for figures worth recording.");
#endif

var reports = new List<BenchReport>();
foreach (var bench in benches.Where(b => names.Contains(b.Name)))
{
    Console.WriteLine();
    Console.WriteLine($"-- running {bench.Name}: {bench.Description} (load {MachineInfo.LoadAverage()})");
    var benchStarted = Stopwatch.GetTimestamp();
    BenchReport report;
    try
    {
        report = await bench.Run(cancellation.Token);
    }
    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
    {
        Console.Error.WriteLine("Cancelled.");
        return 2;
    }
    catch (Exception ex)
    {
        report = new BenchReport(bench.Name, bench.Description, [], [], Stopwatch.GetElapsedTime(benchStarted),
            $"{ex.GetType().Name}: {ex.Message}");
        Console.Error.WriteLine(ex);
    }

    reports.Add(report);
    ReportPrinter.WriteTable(Console.Out, report);
}

var loadAfter = MachineInfo.LoadAverage();
ReportPrinter.WriteSummary(Console.Out, reports);
Console.WriteLine($"   load average (1/5/15 min) after: {loadAfter}; total {(DateTimeOffset.UtcNow - started).TotalSeconds:0} s");
Console.WriteLine();
Console.WriteLine("---- markdown (for docs/benchmarks.md) ----");
ReportPrinter.WriteMarkdown(Console.Out, machine, command, started, loadBefore, loadAfter, reports);
Console.WriteLine("---- end markdown ----");
return reports.Any(r => r.Error is not null) ? 2 : reports.All(r => r.AllTargetsMet) ? 0 : 1;

void PrintUsage(TextWriter writer)
{
    writer.WriteLine("Usage: dotnet run -c Release --project bench/AppBuilder.Bench -- [all | <bench> ...]");
    writer.WriteLine();
    foreach (var bench in benches)
    {
        writer.WriteLine($"  {bench.Name,-8} {bench.Description}");
    }

    writer.WriteLine();
    writer.WriteLine("Exit code: 0 every target met, 1 a target missed, 2 a bench failed to run, 64 bad arguments.");
}
