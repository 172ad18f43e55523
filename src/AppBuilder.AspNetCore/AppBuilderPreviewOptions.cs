using System.ComponentModel.DataAnnotations;

namespace AppBuilder.AspNetCore;

/// <summary>
/// Where and how project previews are served: each project on an origin of its own, reached with a short-lived grant
/// the editor hands out. Bound from <c>AppBuilder:AspNetCore:Preview</c> and checked when the host starts.
/// </summary>
public sealed class AppBuilderPreviewOptions
{
    /// <summary>The origin template used when <see cref="OriginTemplate"/> is not set.</summary>
    public const string DefaultOriginTemplate = "{scheme}://{projectId}.preview.localhost:{port}";

    /// <summary>
    /// The origin each project's preview is served from. <c>{projectId}</c> (required) is the first label of the host
    /// name; <c>{scheme}</c> and <c>{port}</c> (optional) are taken from the editor request that hands out the preview,
    /// so one listening port serves the editor and every preview. Default <see cref="DefaultOriginTemplate"/>: browsers
    /// resolve <c>*.localhost</c> to the loopback address by themselves, so this needs no DNS and no configuration on the
    /// machine that runs the browser and the host.
    /// </summary>
    /// <remarks>
    /// For a shared host use a wildcard DNS name (and certificate) that routes to this host and keeps the request's
    /// <c>Host</c>, such as <c>https://{projectId}.preview.example.com</c> or <c>https://{projectId}.example-preview.net:8443</c>.
    /// A registrable domain of its own (not a subdomain of the editor's) keeps previews cross-site to the editor.
    /// Requests are recognised as preview requests by their <c>Host</c> alone: the editor's own host must not match.
    /// </remarks>
    public string? OriginTemplate { get; set; }

    /// <summary>How long a preview grant (the link the editor puts in the iframe) can be exchanged. Default 2 minutes;
    /// each grant is accepted once.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan GrantLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the preview session a grant is exchanged for lasts; the editor hands out a new grant when the
    /// preview is reloaded. Default 12 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Whether preview pages may register service workers. Default <see langword="false"/>: a request for a service
    /// worker script (<c>Service-Worker: script</c>) answers 403, because a worker outlives the page and keeps
    /// intercepting the origin's requests after the code that installed it is gone.
    /// </summary>
    public bool AllowServiceWorkers { get; set; }
}
