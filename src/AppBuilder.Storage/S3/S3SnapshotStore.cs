using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using AppBuilder.Storage.Snapshots;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.S3;

/// <summary>
/// An <see cref="ISnapshotStore"/> in an S3 bucket (AWS, or MinIO, R2, Spaces, s3rver through a service URL), with the
/// same content-addressed layout as the file-system store under <see cref="S3SnapshotOptions.Prefix"/>.
/// </summary>
/// <remarks>Thread-safe. Persists of one project from several processes at once are not coordinated: a second host
/// could take the same checkpoint number between the check and the write. Keep one writer per project (the workspace
/// manager persists a project from the host that runs its sandbox).</remarks>
internal sealed class S3SnapshotStore : ContentAddressedSnapshotStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;

    public S3SnapshotStore(IOptions<S3SnapshotOptions> options, TimeProvider? timeProvider = null, ILogger<S3SnapshotStore>? logger = null)
        : this(Value(options), CreateClient(Value(options)), ownsClient: true, timeProvider, logger)
    {
    }

    /// <summary>Creates a store over <paramref name="client"/>, disposing it with the store when <paramref name="ownsClient"/>;
    /// tests wrap the real backend to inject failures.</summary>
    internal S3SnapshotStore(S3SnapshotOptions options, IAmazonS3 client, bool ownsClient, TimeProvider? timeProvider, ILogger? logger,
        Func<ISnapshotBackend, ISnapshotBackend>? wrapBackend = null)
        : base(
            Wrap(new S3SnapshotBackend(client, options.Bucket, S3SnapshotOptionsValidator.NormalizePrefix(options.Prefix),
                S3Resilience.CreatePipeline(options, timeProvider ?? TimeProvider.System, logger ?? NullLogger.Instance),
                options.MaxRetries + 1, options.MaxParallelRequests), wrapBackend),
            $"s3:{options.ServiceUrl ?? options.Region}|{options.Bucket}|{S3SnapshotOptionsValidator.NormalizePrefix(options.Prefix)}",
            timeProvider ?? TimeProvider.System,
            logger ?? NullLogger.Instance)
    {
        _client = client;
        _ownsClient = ownsClient;
    }

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    /// <summary>Creates the S3 client the options describe, its HTTP clients from <paramref name="httpClientFactory"/>
    /// when given (tests and the bench put fault-injecting or counting handlers there).</summary>
    internal static AmazonS3Client CreateClient(S3SnapshotOptions options, HttpClientFactory? httpClientFactory = null)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Checksums only where S3 demands them: many S3-compatible services reject the newer trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // Retries are the store's own Polly pipeline (S3Resilience): one layer, so that MaxRetries means what it says.
            MaxErrorRetry = 0,
            Timeout = options.Timeout,
        };
        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    private static ISnapshotBackend Wrap(ISnapshotBackend backend, Func<ISnapshotBackend, ISnapshotBackend>? wrapBackend) =>
        wrapBackend?.Invoke(backend) ?? backend;

    private static S3SnapshotOptions Value(IOptions<S3SnapshotOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Value;
    }
}
