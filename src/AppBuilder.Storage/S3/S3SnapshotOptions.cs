namespace AppBuilder.Storage;

/// <summary>
/// Where <c>AddS3Snapshots</c> keeps snapshots: an S3 bucket on AWS or on an S3-compatible service (MinIO, Cloudflare R2,
/// DigitalOcean Spaces, s3rver) reached through <see cref="ServiceUrl"/>. Bound from <see cref="SectionName"/>.
/// </summary>
/// <remarks>Keys are <c>{Prefix}{projectId}/blobs/ab/abcdef…</c> and <c>{Prefix}{projectId}/manifests/000001.json</c>.</remarks>
public sealed class S3SnapshotOptions
{
    /// <summary>The configuration section these options are bound from: <c>AppBuilder:Storage:S3</c>.</summary>
    public const string SectionName = "AppBuilder:Storage:S3";

    /// <summary>The endpoint of an S3-compatible service, such as <c>http://localhost:9000</c> for MinIO. Leave unset for
    /// AWS S3, which is then reached in <see cref="Region"/>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The bucket; it must exist. Required.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>A key prefix under which every project is stored, so that one bucket can serve several purposes.
    /// A missing trailing '/' is added. Default <c>appbuilder/</c>; empty stores projects at the bucket's root.</summary>
    public string Prefix { get; set; } = "appbuilder/";

    /// <summary>The access key id. With <see cref="SecretKey"/>; when both are unset the AWS SDK's default credential
    /// chain (environment, profile, instance role) is used.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The secret access key; set together with <see cref="AccessKey"/>.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The region (AWS) or signing region (S3-compatible services; R2 uses <c>auto</c>). Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Whether to address the bucket in the path (<c>https://host/bucket/key</c>) rather than as a host name.
    /// MinIO and s3rver usually need <see langword="true"/>. Default <see langword="false"/>.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>How long one attempt of a request may take before it is abandoned (and retried, see
    /// <see cref="MaxRetries"/>). Default 100 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>How often a request that failed transiently (HTTP 5xx, 429, S3's SlowDown, a lost connection, a
    /// timeout) is retried (0-10). Default 3. This is the store's only retry layer: the AWS SDK's own retries are off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The delay before the first retry; later ones double it (with jitter, at most 10 seconds). Between
    /// 00:00:00.010 and 00:00:30. Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many blob uploads or downloads one persist or restore runs at once (1-64). Default 16.</summary>
    public int MaxParallelRequests { get; set; } = 16;
}
