using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace AppBuilder.AspNetCore.Preview;

/// <summary>
/// Keeps the two kinds of origin apart while routing, before authentication or authorization run:
/// <list type="bullet">
/// <item>On a preview origin (its <c>Host</c> matches <see cref="PreviewOriginTemplate"/>), only endpoints marked with
/// <see cref="PreviewOriginEndpointMetadata"/> match; the API, the hub, health and the host's own endpoints find no
/// match there.</item>
/// <item>Elsewhere, AppBuilder's editor endpoints (<see cref="EditorEndpointMetadata"/>) that
/// <see cref="EditorRequestGuard"/> refuses for this request are replaced by its 403 answer.</item>
/// </list>
/// </summary>
internal sealed class PreviewOriginMatcherPolicy(PreviewOriginTemplate template, EditorRequestGuard guard) : MatcherPolicy, IEndpointSelectorPolicy
{
    /// <summary>After the built-in policies (HTTP method, host, CORS), so their 405 endpoints are refused too.</summary>
    public override int Order => 10_000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        if (template.TryGetProjectId(httpContext.Request, out _))
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                if (candidates.IsValidCandidate(i) && candidates[i].Endpoint.Metadata.GetMetadata<PreviewOriginEndpointMetadata>() is null)
                {
                    candidates.SetValidity(i, false);
                }
            }

            return Task.CompletedTask;
        }

        string? refusal = null;
        var checkedRequest = false;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i) || candidates[i].Endpoint.Metadata.GetMetadata<EditorEndpointMetadata>() is null)
            {
                continue;
            }

            if (!checkedRequest)
            {
                refusal = guard.Check(httpContext.Request);
                checkedRequest = true;
                if (refusal is null)
                {
                    return Task.CompletedTask;
                }

                EditorRequestGuard.SetReason(httpContext, refusal);
            }

            candidates.ReplaceEndpoint(i, EditorRequestGuard.RefusalEndpoint, candidates[i].Values);
        }

        return Task.CompletedTask;
    }
}
