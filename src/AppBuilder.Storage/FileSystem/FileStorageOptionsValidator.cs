using Microsoft.Extensions.Options;

namespace AppBuilder.Storage.FileSystem;

/// <summary>Checks <see cref="FileStorageOptions"/> at start, with messages that say how to fix them.</summary>
internal sealed class FileStorageOptionsValidator : IValidateOptions<FileStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, FileStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Root))
        {
            return ValidateOptionsResult.Fail(
                "AppBuilder:Storage:Root is empty. Set it to a writable folder, for example \".appbuilder/data\" " +
                "(configuration key AppBuilder:Storage:Root, or AddFileStorage(o => o.Root = \"...\")).");
        }

        string full;
        try
        {
            full = Path.GetFullPath(options.Root);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return ValidateOptionsResult.Fail(
                $"AppBuilder:Storage:Root '{options.Root}' is not a valid folder path. Set it to a writable folder such as \".appbuilder/data\".");
        }

        if (File.Exists(full))
        {
            return ValidateOptionsResult.Fail(
                $"AppBuilder:Storage:Root '{options.Root}' is a file. Set it to a folder (it is created when missing).");
        }

        return ValidateOptionsResult.Success;
    }
}
