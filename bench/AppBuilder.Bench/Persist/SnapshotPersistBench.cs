using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using Amazon.S3;
using Amazon.S3.Model;
using AppBuilder.Bench.Report;
using AppBuilder.Storage;
using AppBuilder.Storage.S3;
using AppBuilder.Testing.Faults;
using AppBuilder.Testing.S3;
using Microsoft.Extensions.Options;

namespace AppBuilder.Bench.Persist;

/// <summary>
/// Persists and restores a generated project through the S3 snapshot store and, on the same s3rver, the seed-003
/// approach (the whole project as one tar.gz object, written on every persist and read whole on restore): first
/// persist, persist after a one-file edit, restore. Object writes are counted at the HTTP level (PUTs that reached
/// the server).
/// </summary>
public static class SnapshotPersistBench
{
    /// <summary>Runs the benchmark.</summary>
    /// <param name="fileCount">Files in the generated project.</param>
    /// <param name="rounds">Rounds, each on a new project: one first persist, <paramref name="edits"/> one-file edits
    /// each persisted, <paramref name="restores"/> restores of the latest checkpoint — for both approaches.</param>
    /// <param name="edits">One-file edit persists per round.</param>
    /// <param name="restores">Restores per round.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<SnapshotPersistResult> RunAsync(int fileCount = 2000, int rounds = 4, int edits = 8, int restores = 3,
        CancellationToken cancellationToken = default)
    {
        var project = GeneratedProject.Create(fileCount);
        var s3 = new S3rverFixture();
        try
        {
            await s3.StartAsync(cancellationToken).ConfigureAwait(false);
            return await RunAsync(s3, project, rounds, edits, restores, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await s3.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<SnapshotPersistResult> RunAsync(S3rverFixture s3, List<SnapshotFile> project, int rounds, int edits,
        int restores, CancellationToken cancellationToken)
    {
        var fileCount = project.Count;
        using var handler = new FaultInjectingHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 64, UseProxy = false });
        var options = new S3SnapshotOptions
        {
            ServiceUrl = s3.ServiceUrl,
            Bucket = s3.Bucket,
            AccessKey = s3.AccessKey,
            SecretKey = s3.SecretKey,
            ForcePathStyle = true,
            Prefix = "bench/",
        };
        using var client = S3SnapshotStore.CreateClient(options, new CountingHttpClientFactory(handler));
        using var store = new S3SnapshotStore(options, client, ownsClient: false, null, null);
        var result = new SnapshotPersistResult(fileCount, project.Sum(f => (long)f.Content.Length));

        // Warm-up (JIT, connections, s3rver's caches), not measured.
        await store.PersistAsync("warmup", project, cancellationToken: cancellationToken).ConfigureAwait(false);
        await store.PersistAsync("warmup", GeneratedProject.WithEdit(project, 0), cancellationToken: cancellationToken).ConfigureAwait(false);
        await store.RestoreAsync("warmup", cancellationToken: cancellationToken).ConfigureAwait(false);
        await TarGz.PersistAsync(client, s3.Bucket, "warmup", project, cancellationToken).ConfigureAwait(false);
        await TarGz.RestoreAsync(client, s3.Bucket, "warmup", cancellationToken).ConfigureAwait(false);

        for (var round = 0; round < rounds; round++)
        {
            var projectId = $"p{round}";
            result.Ours.FirstPersistMs.Add(await TimeAsync(() => store.PersistAsync(projectId, project, cancellationToken: cancellationToken)).ConfigureAwait(false));
            result.TarGz.FirstPersistMs.Add(await TimeAsync(() => TarGz.PersistAsync(client, s3.Bucket, projectId, project, cancellationToken)).ConfigureAwait(false));
            for (var edit = 1; edit <= edits; edit++)
            {
                var edited = GeneratedProject.WithEdit(project, round * edits + edit);
                var puts = handler.Sent("PUT");
                result.Ours.EditPersistMs.Add(await TimeAsync(() => store.PersistAsync(projectId, edited, cancellationToken: cancellationToken)).ConfigureAwait(false));
                result.Ours.EditPersistWrites.Add(handler.Sent("PUT") - puts);
                puts = handler.Sent("PUT");
                result.TarGz.EditPersistMs.Add(await TimeAsync(() => TarGz.PersistAsync(client, s3.Bucket, projectId, edited, cancellationToken)).ConfigureAwait(false));
                result.TarGz.EditPersistWrites.Add(handler.Sent("PUT") - puts);
            }

            for (var restore = 0; restore < restores; restore++)
            {
                IReadOnlyList<SnapshotFile>? restored = null;
                result.Ours.RestoreMs.Add(await TimeAsync(async () => restored = await store.RestoreAsync(projectId, cancellationToken: cancellationToken)).ConfigureAwait(false));
                Check(restored, fileCount, "the snapshot store");
                result.TarGz.RestoreMs.Add(await TimeAsync(async () => restored = await TarGz.RestoreAsync(client, s3.Bucket, projectId, cancellationToken)).ConfigureAwait(false));
                Check(restored, fileCount, "tar.gz");
            }
        }

        return result;
    }

    private static void Check(IReadOnlyList<SnapshotFile>? restored, int fileCount, string approach)
    {
        if (restored is null || restored.Count != fileCount)
        {
            throw new InvalidOperationException($"Restoring through {approach} gave {restored?.Count ?? 0} files, not {fileCount}.");
        }
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action().ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>The seed-003 approach: the whole project as one gzip-compressed tar object.</summary>
    private static class TarGz
    {
        private static string Key(string projectId) => $"seed003/{projectId}/project.tar.gz";

        public static async Task PersistAsync(IAmazonS3 client, string bucket, string projectId, IReadOnlyList<SnapshotFile> files,
            CancellationToken cancellationToken)
        {
            using var archive = new MemoryStream();
            await using (var gzip = new GZipStream(archive, CompressionLevel.Fastest, leaveOpen: true))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var file in files)
                {
                    var entry = new PaxTarEntry(TarEntryType.RegularFile, file.Path) { DataStream = new MemoryStream(file.Content.ToArray(), writable: false) };
                    await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                }
            }

            archive.Position = 0;
            await client.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket,
                Key = Key(projectId),
                InputStream = archive,
                ContentType = "application/gzip",
                AutoCloseStream = false,
                UseChunkEncoding = false,
            }, cancellationToken).ConfigureAwait(false);
        }

        public static async Task<IReadOnlyList<SnapshotFile>> RestoreAsync(IAmazonS3 client, string bucket, string projectId,
            CancellationToken cancellationToken)
        {
            using var response = await client.GetObjectAsync(bucket, Key(projectId), cancellationToken).ConfigureAwait(false);
            await using var gzip = new GZipStream(response.ResponseStream, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            var files = new List<SnapshotFile>();
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType == TarEntryType.RegularFile && entry.DataStream is { } data)
                {
                    using var content = new MemoryStream();
                    await data.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                    files.Add(new SnapshotFile(entry.Name, content.ToArray()));
                }
            }

            return files;
        }
    }
}

/// <summary>What <see cref="SnapshotPersistBench"/> measured.</summary>
public sealed class SnapshotPersistResult(int fileCount, long totalBytes)
{
    public int FileCount { get; } = fileCount;

    public long TotalBytes { get; } = totalBytes;

    public ApproachSamples Ours { get; } = new();

    public ApproachSamples TarGz { get; } = new();

    /// <summary>Samples of one approach, in milliseconds; writes are PUTs per one-file persist.</summary>
    public sealed class ApproachSamples
    {
        public List<double> FirstPersistMs { get; } = [];

        public List<double> EditPersistMs { get; } = [];

        public List<int> EditPersistWrites { get; } = [];

        public List<double> RestoreMs { get; } = [];

        public double P50(List<double> samples) => Percentiles.Of(samples, 50);

        public double P95(List<double> samples) => Percentiles.Of(samples, 95);
    }
}
