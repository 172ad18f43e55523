using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>Checks <see cref="AppBuilderOptions.PreviewOrigin"/> at start (the DataAnnotations cover the rest).</summary>
internal sealed class AppBuilderOptionsValidator : IValidateOptions<AppBuilderOptions>
{
    public ValidateOptionsResult Validate(string? name, AppBuilderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.PreviewOrigin))
        {
            return ValidateOptionsResult.Success;
        }

        return PreviewOrigin.TryParse(options.PreviewOrigin, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error!);
    }
}
