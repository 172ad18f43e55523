using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.Retention;

/// <summary>Checks <see cref="SnapshotRetentionOptions"/> at start.</summary>
internal sealed class SnapshotRetentionOptionsValidator : IValidateOptions<SnapshotRetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, SnapshotRetentionOptions options)
    {
        var failures = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{SnapshotRetentionOptions.SectionName}:Interval must be at least 1 second (it is {options.Interval}).");
        }

        if (options.KeepLast is < 1)
        {
            failures.Add($"{SnapshotRetentionOptions.SectionName}:KeepLast must be at least 1, or empty for no count limit.");
        }

        if (options.KeepFor is { } keepFor && keepFor <= TimeSpan.Zero)
        {
            failures.Add($"{SnapshotRetentionOptions.SectionName}:KeepFor must be positive, or empty for no age limit.");
        }

        if (options.BlobGracePeriod < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{SnapshotRetentionOptions.SectionName}:BlobGracePeriod must be at least 1 minute (longer than the slowest persist).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
