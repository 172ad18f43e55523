using System.Text.Json.Serialization;
using AppBuilder.AspNetCore.Endpoints.Dtos;

namespace AppBuilder.AspNetCore.Cluster;

/// <summary>A request on the command bus: what one host asks the others to do for a project.</summary>
internal sealed record ClusterCommand(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("projectId")] string ProjectId,
    [property: JsonPropertyName("sessionId")] string? SessionId = null,
    [property: JsonPropertyName("approvalId")] string? ApprovalId = null,
    [property: JsonPropertyName("approved")] bool Approved = false)
{
    public const string Stop = "stop";
    public const string Resolve = "resolve";
    public const string ListApprovals = "approvals";
}

/// <summary>A host's answer to a <see cref="ClusterCommand"/>.</summary>
internal sealed record ClusterReply(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("handled")] bool Handled,
    [property: JsonPropertyName("approvals")] ApprovalDto[]? Approvals = null);
