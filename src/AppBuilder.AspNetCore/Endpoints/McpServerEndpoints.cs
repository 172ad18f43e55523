using AppBuilder.Agent.Mcp;
using AppBuilder.AspNetCore.Access;
using AppBuilder.AspNetCore.Endpoints.Dtos;
using AppBuilder.Mcp;
using AppBuilder.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>A project's own MCP servers: list, read, create or replace, delete. Stored with the project; header and
/// environment values are write-only.</summary>
internal static class McpServerEndpoints
{
    /// <summary>Servers one project may have.</summary>
    public const int MaxServersPerProject = 16;

    public static void Map(RouteGroupBuilder project)
    {
        project.MapGet("/mcp-servers", List);
        project.MapGet("/mcp-servers/{name}", Get);
        project.MapPut("/mcp-servers/{name}", PutAsync);
        project.MapDelete("/mcp-servers/{name}", DeleteAsync);
    }

    private static Ok<McpServerDto[]> List(HttpContext context) =>
        TypedResults.Ok(context.GetProject().McpServers.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => ToDto(s.Key, s.Value)).ToArray());

    private static Results<Ok<McpServerDto>, ProblemHttpResult> Get(HttpContext context, string name) =>
        context.GetProject().McpServers.TryGetValue(name, out var definition)
            ? TypedResults.Ok(ToDto(name, definition))
            : ApiResults.NotFound("No MCP server of that name in this project.");

    private static async Task<Results<Ok<McpServerDto>, ProblemHttpResult>> PutAsync(HttpContext context, string name,
        PutMcpServerRequest? request, IProjectStore projects, IOptions<McpOptions> options, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (!options.Value.AllowProjectServers)
        {
            return ApiResults.BadRequest("This host does not allow projects to add their own MCP servers.");
        }

        if (request is null)
        {
            return ApiResults.BadRequest("A JSON body describing the server ('type' and 'command' or 'url') is required.");
        }

        var project = context.GetProject();
        project.McpServers.TryGetValue(name, out var stored);
        if (stored is null && project.McpServers.Count >= MaxServersPerProject)
        {
            return ApiResults.BadRequest($"A project may have at most {MaxServersPerProject} MCP servers.");
        }

        if (options.Value.Servers.ContainsKey(name))
        {
            return ApiResults.BadRequest($"The host already has an MCP server named '{name}'; choose another name.");
        }

        var env = Secrets(request.Env, stored?.Env, "env", StringComparer.Ordinal, out var envError);
        var headers = Secrets(request.Headers, stored?.Headers, "header", StringComparer.OrdinalIgnoreCase, out var headerError);
        if ((envError ?? headerError) is { } secretError)
        {
            return ApiResults.BadRequest(secretError);
        }

        var definition = new McpServerDefinition
        {
            Type = request.Type?.Trim().ToLowerInvariant() ?? McpServerTypes.Stdio,
            Command = Blank(request.Command),
            Args = [.. request.Args ?? []],
            Env = env,
            Cwd = Blank(request.Cwd),
            Url = Blank(request.Url),
            Transport = request.Transport?.Trim().ToLowerInvariant() ?? McpHttpTransports.Auto,
            Headers = headers,
            AllowTools = [.. request.AllowTools ?? []],
            DenyTools = [.. request.DenyTools ?? []],
            Enabled = request.Enabled ?? true,
        };
        if (McpServerDefinitionValidator.Validate(name, definition) is { } error)
        {
            return ApiResults.BadRequest(error);
        }

        var servers = new Dictionary<string, McpServerDefinition>(project.McpServers, StringComparer.Ordinal) { [name] = definition };
        await projects.UpdateAsync(project with { McpServers = servers, UpdatedAt = timeProvider.GetUtcNow() }, cancellationToken)
            .ConfigureAwait(false);
        await StopRunningAsync(context, project.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ToDto(name, definition));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(HttpContext context, string name, IProjectStore projects,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var project = context.GetProject();
        if (!project.McpServers.ContainsKey(name))
        {
            return ApiResults.NotFound("No MCP server of that name in this project.");
        }

        var servers = new Dictionary<string, McpServerDefinition>(project.McpServers, StringComparer.Ordinal);
        servers.Remove(name);
        await projects.UpdateAsync(project with { McpServers = servers, UpdatedAt = timeProvider.GetUtcNow() }, cancellationToken)
            .ConfigureAwait(false);
        await StopRunningAsync(context, project.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    /// <summary>Stops the project's running servers so the change applies at once; they start again lazily.</summary>
    private static async Task StopRunningAsync(HttpContext context, string projectId, CancellationToken cancellationToken)
    {
        if (context.RequestServices.GetService<IMcpServerManager>() is { } manager)
        {
            await manager.StopProjectAsync(projectId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Merges write-only values: a null value keeps the stored one; a name without a stored value needs one.</summary>
    private static Dictionary<string, string> Secrets(Dictionary<string, string?>? requested, IReadOnlyDictionary<string, string>? stored,
        string what, StringComparer comparer, out string? error)
    {
        error = null;
        var result = new Dictionary<string, string>(comparer);
        foreach (var (key, value) in requested ?? [])
        {
            if (value is not null)
            {
                result[key] = value;
            }
            else if (stored is not null && stored.TryGetValue(key, out var kept))
            {
                result[key] = kept;
            }
            else
            {
                error = $"The {what} '{key}' has no stored value to keep; send its value.";
                return result;
            }
        }

        return result;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static McpServerDto ToDto(string name, McpServerDefinition d) => new(name, d.Type, d.Command, d.Args,
        [.. d.Env.Keys.Order(StringComparer.Ordinal)], d.Cwd, d.Url, d.Transport, [.. d.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase)],
        d.AllowTools, d.DenyTools, d.Enabled);
}
