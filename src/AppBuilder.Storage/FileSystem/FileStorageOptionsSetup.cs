using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.FileSystem;

/// <summary>Binds <see cref="FileStorageOptions"/> from <c>AppBuilder:Storage</c> when the host has configuration.</summary>
internal sealed class FileStorageOptionsSetup(IConfiguration? configuration = null) : IConfigureOptions<FileStorageOptions>
{
    public void Configure(FileStorageOptions options) =>
        configuration?.GetSection(FileStorageOptions.SectionName).Bind(options);
}
