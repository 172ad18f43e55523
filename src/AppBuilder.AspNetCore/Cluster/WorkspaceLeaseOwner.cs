namespace AppBuilder.AspNetCore.Cluster;

/// <summary>The host holding a project's workspace lease: its id and the URL requests are forwarded to.</summary>
internal sealed record WorkspaceLeaseOwner(string HostId, Uri Url)
{
    private const char Separator = '|';

    public string Format() => HostId + Separator + Url.AbsoluteUri;

    public static WorkspaceLeaseOwner? Parse(string? value)
    {
        var at = value?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        return at > 0 && Uri.TryCreate(value![(at + 1)..], UriKind.Absolute, out var url)
            ? new WorkspaceLeaseOwner(value[..at], url)
            : null;
    }
}
