using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace AppBuilder.Bench.Report;

/// <summary>What the benches ran on: printed with the results, since every figure depends on it.</summary>
/// <param name="Cores">Logical processors visible to the process.</param>
/// <param name="CpuModel">The CPU model from <c>/proc/cpuinfo</c>, when readable.</param>
/// <param name="MemoryGiB">Physical memory, in GiB, when readable.</param>
/// <param name="OperatingSystem">The OS description (<c>/etc/os-release</c> when present).</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Node">The output of <c>node --version</c>, or "absent".</param>
/// <param name="Chromium">The output of <c>/usr/bin/chromium --version</c>, or "absent".</param>
public sealed record MachineInfo(int Cores, string CpuModel, double MemoryGiB, string OperatingSystem, string Runtime, string Node, string Chromium)
{
    /// <summary>The 1, 5 and 15 minute load averages from <c>/proc/loadavg</c>, or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 3 ? $"{parts[0]} / {parts[1]} / {parts[2]}" : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>Reads what the machine is.</summary>
    public static async Task<MachineInfo> ReadAsync()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name");
        var memoryKb = ReadFirst("/proc/meminfo", "MemTotal").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var memory = double.TryParse(memoryKb, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb / 1024 / 1024 : 0;
        var os = ReadFirst("/etc/os-release", "PRETTY_NAME").Trim('"');
        return new MachineInfo(Environment.ProcessorCount, cpu.Length == 0 ? "unknown" : cpu, Math.Round(memory, 1),
            os.Length == 0 ? RuntimeInformation.OSDescription : os, RuntimeInformation.FrameworkDescription,
            await VersionAsync("node", "--version").ConfigureAwait(false),
            await VersionAsync("/usr/bin/chromium", "--version").ConfigureAwait(false));
    }

    private static string ReadFirst(string file, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var separator = line.IndexOfAny([':', '=']);
                    return separator < 0 ? "" : line[(separator + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return "";
    }

    private static async Task<string> VersionAsync(string program, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, argument)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return "absent";
            }

            var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            return process.ExitCode == 0 ? output.Trim() : "absent";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "absent";
        }
    }
}
