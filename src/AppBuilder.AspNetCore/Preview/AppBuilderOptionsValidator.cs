using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>Checks <see cref="AppBuilderOptions.Preview"/> and <see cref="AppBuilderOptions.EditorOrigins"/> at start
/// (the DataAnnotations on <see cref="AppBuilderOptions"/> itself cover the rest).</summary>
internal sealed class AppBuilderOptionsValidator : IValidateOptions<AppBuilderOptions>
{
    public ValidateOptionsResult Validate(string? name, AppBuilderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Preview is null)
        {
            return ValidateOptionsResult.Fail("AppBuilder:AspNetCore:Preview must not be null.");
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.Preview, new ValidationContext(options.Preview), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => $"Preview:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (!PreviewOriginTemplate.TryParse(options.Preview.OriginTemplate, out _, out _, out _, out _, out var error))
        {
            failures.Add(error);
        }

        if (options.AutoFix is null)
        {
            failures.Add("AppBuilder:AspNetCore:AutoFix must not be null.");
        }
        else
        {
            var autoFix = new List<ValidationResult>();
            if (!Validator.TryValidateObject(options.AutoFix, new ValidationContext(options.AutoFix), autoFix, validateAllProperties: true))
            {
                failures.AddRange(autoFix.Select(r => $"AutoFix:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
            }
        }

        foreach (var origin in options.EditorOrigins)
        {
            if (!Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
            {
                failures.Add($"EditorOrigins: '{origin}' must be an origin such as 'https://editor.example.com' (scheme, host, optional port).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
