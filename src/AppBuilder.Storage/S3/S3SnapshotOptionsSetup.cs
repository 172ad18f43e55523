using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.S3;

/// <summary>Binds <see cref="S3SnapshotOptions"/> from <c>AppBuilder:Storage:S3</c> when the host has configuration.</summary>
internal sealed class S3SnapshotOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<S3SnapshotOptions>
{
    public void Configure(S3SnapshotOptions options) =>
        configuration?.GetSection(S3SnapshotOptions.SectionName).Bind(options);
}
