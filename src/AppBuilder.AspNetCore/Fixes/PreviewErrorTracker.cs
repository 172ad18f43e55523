using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AppBuilder.AspNetCore.Realtime;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Fixes;

/// <summary>
/// The distinct errors of each project's preview, deduplicated by signature (kind, project file and message; a build
/// error by its file alone, a request by method, path and status). A new error, or one that comes back after it was
/// resolved, is sent to the project's group as <c>preview_error</c>, and so is every change of state; repeats of an
/// open error only count. At most <see cref="AppBuilderAutoFixOptions.MaxErrorsPerProject"/> are kept per project.
/// </summary>
/// <remarks>Thread-safe. <see cref="Occurred"/> is raised for every occurrence, after the error is stored.</remarks>
internal sealed partial class PreviewErrorTracker(RealtimeBroadcaster realtime, IOptions<AppBuilderOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ProjectErrors> _projects = new(StringComparer.Ordinal);

    /// <summary>Raised after every occurrence is recorded (the auto-fixer listens).</summary>
    public event Action<string, PreviewError>? Occurred;

    /// <summary>Records an occurrence and returns the error as stored.</summary>
    public async Task<PreviewError> ReportAsync(string projectId, PreviewErrorReport report)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(report);
        var id = Signature(report);
        var now = timeProvider.GetUtcNow();
        var errors = _projects.GetOrAdd(projectId, _ => new ProjectErrors());
        PreviewError stored;
        bool announce;
        lock (errors)
        {
            if (errors.Items.TryGetValue(id, out var existing))
            {
                var reopened = existing.State == PreviewErrorState.Resolved;
                stored = existing with
                {
                    Report = report,
                    Count = existing.Count + 1,
                    LastSeen = now,
                    State = reopened ? PreviewErrorState.Open : existing.State,
                    Attempts = reopened ? 0 : existing.Attempts,
                };
                announce = reopened;
                errors.Order.Remove(id);
            }
            else
            {
                stored = new PreviewError(id, report, 1, now, now, PreviewErrorState.Open, 0);
                announce = true;
                while (errors.Items.Count >= options.Value.AutoFix.MaxErrorsPerProject && errors.Order.First is { } oldest)
                {
                    errors.Items.Remove(oldest.Value);
                    errors.Order.RemoveFirst();
                }
            }

            errors.Items[id] = stored;
            errors.Order.AddLast(id);
        }

        if (announce)
        {
            await SendAsync(projectId, stored).ConfigureAwait(false);
        }

        Occurred?.Invoke(projectId, stored);
        return stored;
    }

    /// <summary>The project's errors, newest first.</summary>
    public IReadOnlyList<PreviewError> List(string projectId)
    {
        if (!_projects.TryGetValue(projectId, out var errors))
        {
            return [];
        }

        lock (errors)
        {
            return errors.Order.Reverse().Select(id => errors.Items[id]).ToList();
        }
    }

    /// <summary>One error of the project, or null.</summary>
    public PreviewError? Find(string projectId, string errorId)
    {
        if (!_projects.TryGetValue(projectId, out var errors))
        {
            return null;
        }

        lock (errors)
        {
            return errors.Items.GetValueOrDefault(errorId);
        }
    }

    /// <summary>Changes an error's state (and attempt count) and announces it; returns the error as stored, or null when it is gone.</summary>
    public async Task<PreviewError?> UpdateAsync(string projectId, string errorId, Func<PreviewError, PreviewError> change)
    {
        if (!_projects.TryGetValue(projectId, out var errors))
        {
            return null;
        }

        PreviewError updated;
        lock (errors)
        {
            if (!errors.Items.TryGetValue(errorId, out var existing))
            {
                return null;
            }

            updated = change(existing);
            if (updated == existing)
            {
                return existing;
            }

            errors.Items[errorId] = updated;
        }

        await SendAsync(projectId, updated).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Forgets one error (the editor dismissed it). Returns whether it was there.</summary>
    public bool Remove(string projectId, string errorId)
    {
        if (!_projects.TryGetValue(projectId, out var errors))
        {
            return false;
        }

        lock (errors)
        {
            return errors.Items.Remove(errorId) && errors.Order.Remove(errorId);
        }
    }

    /// <summary>Forgets a project's errors (it was deleted).</summary>
    public void Clear(string projectId) => _projects.TryRemove(projectId, out _);

    /// <summary>The signature of an occurrence: what makes two occurrences the same error.</summary>
    internal static string Signature(PreviewErrorReport report)
    {
        var key = report.Kind switch
        {
            PreviewErrorKind.Build when report.File is not null => report.File,
            PreviewErrorKind.Network => Digits().Replace(report.Message, "#"),
            _ => (report.File ?? "") + "\n" + report.Message,
        };
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(WireNames.Of(report.Kind) + "\n" + key));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private Task SendAsync(string projectId, PreviewError error) =>
        realtime.SendAsync(projectId, RealtimeMethods.PreviewError, PreviewErrorMessage.Of(projectId, error));

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();

    private sealed class ProjectErrors
    {
        public Dictionary<string, PreviewError> Items { get; } = new(StringComparer.Ordinal);

        public LinkedList<string> Order { get; } = new();
    }
}
