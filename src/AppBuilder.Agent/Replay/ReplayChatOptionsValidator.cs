using Microsoft.Extensions.Options;

namespace AppBuilder.Agent.Replay;

/// <summary>Validates <see cref="ReplayChatOptions"/> at start, loading the recordings so a broken file fails early.</summary>
internal sealed class ReplayChatOptionsValidator(string path) : IValidateOptions<ReplayChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ReplayChatOptions options)
    {
        if (options.WordsPerChunk < 1)
        {
            return ValidateOptionsResult.Fail($"{path}:WordsPerChunk must be at least 1.");
        }
        if (options.ChunkDelay < TimeSpan.Zero)
        {
            return ValidateOptionsResult.Fail($"{path}:ChunkDelay must not be negative.");
        }
        if (!options.IncludeBuiltIn && string.IsNullOrWhiteSpace(options.Directory))
        {
            return ValidateOptionsResult.Fail(
                $"The replay model has no recordings: built-in ones are off and {path}:ReplayDirectory is not set.");
        }

        try
        {
            ReplayLibrary.Load(options);
            return ValidateOptionsResult.Success;
        }
        catch (AppBuilderException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
        catch (IOException ex)
        {
            return ValidateOptionsResult.Fail($"The replay recordings in {path}:ReplayDirectory cannot be read: {ex.Message}");
        }
    }
}
