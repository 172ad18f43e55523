using System.Net;
using Amazon.S3;

namespace AppBuilder.Storage.S3;

/// <summary>Turns S3 errors that have a clear fix into short, safe reasons.</summary>
internal static class S3Failure
{
    /// <summary>A reason for <paramref name="exception"/> that names the fix, or <see langword="null"/> when the generic
    /// "unavailable" reason fits.</summary>
    public static string? Describe(AmazonS3Exception exception) => exception.ErrorCode switch
    {
        "NoSuchBucket" => $"the bucket does not exist (create it, or fix {S3SnapshotOptions.SectionName}:Bucket)",
        "AccessDenied" or "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "InvalidToken" or "ExpiredToken" =>
            $"access was denied (check {S3SnapshotOptions.SectionName}:AccessKey, SecretKey and the bucket's permissions)",
        _ when exception.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized =>
            $"access was denied (check {S3SnapshotOptions.SectionName}:AccessKey, SecretKey and the bucket's permissions)",
        _ => null,
    };
}
