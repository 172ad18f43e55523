namespace AppBuilder.Web.Hosting;

/// <summary>
/// Matches the client's routes only: every path except the API (<c>/api</c>), the preview proxy
/// (<c>/preview</c>), the sign-in endpoints (<c>/auth</c>), the sample's own endpoints (<c>/host</c>) and the built
/// client's files (<c>/app</c>), so an
/// unknown API path is a real 404 rather than the editor's HTML.
/// </summary>
public sealed class ClientRouteConstraint : IRouteConstraint
{
    /// <summary>The name the constraint is registered under.</summary>
    public const string Name = "clientroute";

    private static readonly string[] ServerPrefixes = ["api", "preview", "auth", "host", "app"];

    /// <inheritdoc />
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values,
        RouteDirection routeDirection)
    {
        var path = values.TryGetValue(routeKey, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "";
        return IsClientPath(path);
    }

    /// <summary>Whether a path (without the leading slash) belongs to the client.</summary>
    public static bool IsClientPath(string path)
    {
        var first = path.TrimStart('/').Split('/', 2)[0];
        return !ServerPrefixes.Contains(first, StringComparer.OrdinalIgnoreCase);
    }
}
