using AppBuilder.Internal;
using Microsoft.AspNetCore.Http;

namespace AppBuilder.AspNetCore.Endpoints;

/// <summary>Reads a request body into memory with a size cap: the one reader every endpoint that takes a raw body uses
/// (file saves, browser log batches).</summary>
internal static class CappedRequestBody
{
    /// <summary>
    /// Reads the body of <paramref name="request"/>. A declared <c>Content-Length</c> over the cap is refused before
    /// anything is read; a body without one (chunked) is read up to the cap and refused at the first byte beyond it.
    /// </summary>
    /// <returns>The body, or <see langword="null"/> when it is larger than <paramref name="maxBytes"/>.</returns>
    public static Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken) =>
        request.ContentLength > maxBytes
            ? Task.FromResult<ReadOnlyMemory<byte>?>(null)
            : CappedStream.ReadToEndAsync(request.Body, maxBytes, cancellationToken);
}
