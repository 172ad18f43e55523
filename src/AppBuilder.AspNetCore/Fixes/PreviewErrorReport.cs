namespace AppBuilder.AspNetCore.Fixes;

/// <summary>
/// One occurrence of an error, already cleaned: host paths and the preview's origin are gone, <see cref="File"/> is a
/// project path, and every text is capped (see <see cref="PreviewErrorParser"/>).
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="Message">The error's message (for a request: method, path and status).</param>
/// <param name="Stack">The stack, origins stripped, when the page had one.</param>
/// <param name="File">The project file the error points at (a stack frame or Vite's location), when known.</param>
/// <param name="Line">The line in <see cref="File"/>, when known (for runtime errors: of the code Vite served).</param>
/// <param name="Column">The column, when known.</param>
/// <param name="Frame">Vite's code frame around the error, when it sent one.</param>
/// <param name="Status">The HTTP status of a failed request (0 when it never got an answer).</param>
internal sealed record PreviewErrorReport(PreviewErrorKind Kind, string Message, string? Stack = null, string? File = null, int? Line = null,
    int? Column = null, string? Frame = null, int? Status = null);
