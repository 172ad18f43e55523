using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.S3;

/// <summary>Checks <see cref="S3SnapshotOptions"/> at start, with messages that say how to fix them.</summary>
internal sealed class S3SnapshotOptionsValidator : IValidateOptions<S3SnapshotOptions>
{
    private const string Section = S3SnapshotOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, S3SnapshotOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            failures.Add($"{Section}:Bucket is required. Set it to the name of an existing bucket (AddS3Snapshots(o => o.Bucket = \"...\")).");
        }
        else if (!IsValidBucketName(options.Bucket))
        {
            failures.Add($"{Section}:Bucket '{options.Bucket}' is not a valid bucket name: use 3-63 lower-case letters, digits, '.' and '-', starting and ending with a letter or digit.");
        }

        if (!string.IsNullOrEmpty(options.ServiceUrl) &&
            !(Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{Section}:ServiceUrl '{options.ServiceUrl}' is not an absolute http or https URL, such as http://localhost:9000. Leave it unset for AWS S3.");
        }

        if (string.IsNullOrEmpty(options.AccessKey) != string.IsNullOrEmpty(options.SecretKey))
        {
            failures.Add($"{Section}:AccessKey and {Section}:SecretKey must be set together; leave both unset to use the AWS default credential chain.");
        }

        if (string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add($"{Section}:Region is required: the AWS region, or the signing region of an S3-compatible service (for example us-east-1, or auto for R2).");
        }

        if (options.Prefix is null || !IsValidPrefix(options.Prefix))
        {
            failures.Add($"{Section}:Prefix '{options.Prefix}' is not allowed: use letters, digits and '-', '_', '.', '/' without a leading '/', empty segments or '..' (for example \"appbuilder/\"), or an empty prefix.");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:Timeout must be between 00:00:01 and 01:00:00 (it is {options.Timeout}).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Section}:MaxRetries must be between 0 and 10 (it is {options.MaxRetries}).");
        }

        if (options.RetryDelay < TimeSpan.FromMilliseconds(10) || options.RetryDelay > TimeSpan.FromSeconds(30))
        {
            failures.Add($"{Section}:RetryDelay must be between 00:00:00.010 and 00:00:30 (it is {options.RetryDelay}).");
        }

        if (options.MaxParallelRequests is < 1 or > 64)
        {
            failures.Add($"{Section}:MaxParallelRequests must be between 1 and 64 (it is {options.MaxParallelRequests}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns the prefix with the trailing '/' that keys need (empty stays empty).</summary>
    public static string NormalizePrefix(string prefix) =>
        prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";

    private static bool IsValidBucketName(string bucket) =>
        bucket.Length is >= 3 and <= 63 &&
        bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-') &&
        char.IsAsciiLetterOrDigit(bucket[0]) && char.IsAsciiLetterOrDigit(bucket[^1]);

    private static bool IsValidPrefix(string prefix)
    {
        if (prefix.Length == 0)
        {
            return true;
        }

        if (prefix.Length > 512 || prefix.StartsWith('/'))
        {
            return false;
        }

        var segments = NormalizePrefix(prefix)[..^1].Split('/');
        return segments.All(s => s.Length > 0 && s != "." && s != ".." &&
            s.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
    }
}
