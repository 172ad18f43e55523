using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// With a separate preview origin configured, keeps every endpoint of the application except those marked with
/// <see cref="PreviewOriginEndpointMetadata"/> from matching a request that arrived on the preview origin — or that a
/// page on it sent to another origin (its <c>Origin</c> header): such requests find no endpoint and answer 404, before
/// authentication or authorization is asked. Inert when no preview origin is configured.
/// </summary>
internal sealed class PreviewOriginMatcherPolicy(PreviewOrigin origin) : MatcherPolicy, IEndpointSelectorPolicy
{
    /// <summary>After the built-in policies (HTTP method, host, CORS), so their 405 endpoints are refused too.</summary>
    public override int Order => 10_000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => origin.IsConfigured;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        if (!origin.IsPreviewRequest(httpContext.Request) && !origin.IsFromPreviewPage(httpContext.Request))
        {
            return Task.CompletedTask;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<PreviewOriginEndpointMetadata>() is null)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
