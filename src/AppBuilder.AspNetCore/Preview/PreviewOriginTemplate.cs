using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// The parsed <see cref="AppBuilderPreviewOptions.OriginTemplate"/>: builds a project's preview origin for an editor
/// request and recognises preview requests by their <c>Host</c> header. Thread-safe (immutable).
/// </summary>
internal sealed partial class PreviewOriginTemplate
{
    private const string SchemePlaceholder = "{scheme}";
    private const string PortPlaceholder = "{port}";

    private readonly string? _scheme;
    private readonly int? _port;
    private readonly bool _usesEditorPort;

    public PreviewOriginTemplate(IOptions<AppBuilderOptions> options)
        : this(options.Value.Preview.OriginTemplate)
    {
    }

    public PreviewOriginTemplate(string? template)
    {
        if (!TryParse(template, out var scheme, out var suffix, out var port, out var usesEditorPort, out var error))
        {
            throw new ArgumentException(error, nameof(template));
        }

        _scheme = scheme;
        Suffix = suffix;
        _port = port;
        _usesEditorPort = usesEditorPort;
        Template = string.IsNullOrWhiteSpace(template) ? AppBuilderPreviewOptions.DefaultOriginTemplate : template.Trim();
    }

    /// <summary>The template as configured (or the default).</summary>
    public string Template { get; }

    /// <summary>Whether the template names <c>https</c> (then the browser sees HTTPS whatever the request's scheme here).</summary>
    public bool IsHttps => _scheme == Uri.UriSchemeHttps;

    /// <summary>The host name after the project's label, such as <c>preview.localhost</c> (lowercase).</summary>
    public string Suffix { get; }

    /// <summary>The host pattern routing matches preview requests with, such as <c>*.preview.localhost</c> (any port) or
    /// <c>*.preview.example.com:8443</c>.</summary>
    public string HostPattern => "*." + Suffix + (_port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>Whether <paramref name="projectId"/> can be a host label: 1–63 lowercase letters, digits and '-', not
    /// starting or ending with '-'. Ids made by <c>StorageId.New()</c> always are; other ids have no preview origin.</summary>
    public static bool IsValidLabel([NotNullWhen(true)] string? projectId) => projectId is not null && LabelPattern().IsMatch(projectId);

    /// <summary>The preview origin of <paramref name="projectId"/> as browsers serialise it (no trailing slash), with the
    /// scheme and port of <paramref name="editorRequest"/> where the template says so; null for an id that is no valid label.</summary>
    public string? OriginFor(string projectId, HttpRequest editorRequest)
    {
        ArgumentNullException.ThrowIfNull(editorRequest);
        if (!IsValidLabel(projectId))
        {
            return null;
        }

        var scheme = _scheme ?? editorRequest.Scheme;
        var port = _usesEditorPort ? editorRequest.Host.Port : _port;
        var defaultPort = scheme == Uri.UriSchemeHttps ? 443 : 80;
        var authority = projectId + "." + Suffix + (port is { } p && p != defaultPort ? ":" + p.ToString(CultureInfo.InvariantCulture) : "");
        return scheme + "://" + authority;
    }

    /// <summary>
    /// Whether <paramref name="request"/> is addressed to a preview origin, by its <c>Host</c>: a first label followed by
    /// <see cref="Suffix"/> (case-insensitive) and, when the template names a port, that port. <paramref name="projectId"/>
    /// is the first label, lowercased; it may still be invalid (then <see cref="IsValidLabel"/> is false).
    /// </summary>
    public bool TryGetProjectId(HttpRequest request, [NotNullWhen(true)] out string? projectId)
    {
        ArgumentNullException.ThrowIfNull(request);
        projectId = null;
        if (!request.Host.HasValue)
        {
            return false;
        }

        var host = request.Host.Host;
        if (host.Length <= Suffix.Length + 1 || host[^(Suffix.Length + 1)] != '.'
            || !host.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (_port is { } port)
        {
            var requestPort = request.Host.Port ?? (_scheme == Uri.UriSchemeHttps ? 443 : 80);
            if (requestPort != port)
            {
                return false;
            }
        }

        projectId = host[..^(Suffix.Length + 1)].ToLowerInvariant();
        return true;
    }

    /// <summary>Parses and checks a template: <c>{scheme}|http|https</c> <c>://{projectId}.</c> host suffix, then
    /// optionally <c>:{port}</c> (the editor request's port) or <c>:</c>digits; without a port, the scheme's default
    /// port. Nothing else.</summary>
    public static bool TryParse(string? template, out string? scheme, out string suffix, out int? port, out bool usesEditorPort,
        [NotNullWhen(false)] out string? error)
    {
        scheme = null;
        port = null;
        usesEditorPort = false;
        suffix = "";
        error = null;
        var value = string.IsNullOrWhiteSpace(template) ? AppBuilderPreviewOptions.DefaultOriginTemplate : template.Trim().TrimEnd('/');
        var match = TemplatePattern().Match(value);
        if (!match.Success)
        {
            error = $"Preview:OriginTemplate '{template}' must look like 'https://{{projectId}}.preview.example.com' or " +
                $"'{AppBuilderPreviewOptions.DefaultOriginTemplate}': a scheme (http, https or {SchemePlaceholder}), then " +
                "{projectId} as the first label of a host name, then optionally a port (digits or {port}); no path, query or user info.";
            return false;
        }

        scheme = match.Groups["scheme"].Value switch
        {
            SchemePlaceholder => null,
            var s => s.ToLowerInvariant(),
        };
        suffix = match.Groups["suffix"].Value.ToLowerInvariant();
        if (match.Groups["port"].Success && match.Groups["port"].Value != PortPlaceholder)
        {
            if (!int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var literal) || literal is < 1 or > 65535)
            {
                error = $"Preview:OriginTemplate '{template}' names an invalid port.";
                return false;
            }

            if (scheme is null)
            {
                error = $"Preview:OriginTemplate '{template}' names a fixed port with {SchemePlaceholder}: name the scheme too.";
                return false;
            }

            port = literal;
        }
        else
        {
            usesEditorPort = match.Groups["port"].Success;
        }

        return true;
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^(?<scheme>https?|\{scheme\})://\{projectId\}\.(?<suffix>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?::(?<port>\d{1,5}|\{port\}))?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TemplatePattern();
}
