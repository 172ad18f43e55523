using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.Retention;

/// <summary>Binds <see cref="SnapshotRetentionOptions"/> from <c>AppBuilder:Storage:Retention</c> when the host has configuration.</summary>
internal sealed class SnapshotRetentionOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<SnapshotRetentionOptions>
{
    public void Configure(SnapshotRetentionOptions options) =>
        configuration?.GetSection(SnapshotRetentionOptions.SectionName).Bind(options);
}
