using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AppBuilder.AspNetCore.Access;

/// <summary>
/// The API's one mapping of store and infrastructure failures: an <see cref="AppBuilderException"/> with code
/// <c>storage_error</c> (the project store, the snapshot store or the log store failed — PostgreSQL down, S3 failing
/// after its retries) that escapes any route becomes 503 Service Unavailable with a <c>Retry-After</c> header and a
/// problem body whose detail is the exception's message, which the stores keep free of hosts, connection strings and
/// keys. Mapped on the whole API group (outside the project access filter, which reads the project store), so no
/// endpoint handles it itself. A response already started (a chat's event stream) is left to end as it does.
/// </summary>
internal static class StorageFailureFilter
{
    /// <summary>The error code the stores give their failures.</summary>
    public const string StorageErrorCode = "storage_error";

    /// <summary>Seconds a client is asked to wait before it tries again.</summary>
    public const int RetryAfterSeconds = 5;

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (AppBuilderException ex) when (ex.ErrorCode == StorageErrorCode && !context.HttpContext.Response.HasStarted)
        {
            var http = context.HttpContext;
            var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StorageFailureFilter).FullName!);
            Log.StorageUnavailable(logger, ex, http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.StorageUnavailable(ex.Message);
        }
    }
}
