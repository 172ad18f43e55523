using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AppBuilder.AspNetCore.Access;

/// <summary>The error answers the API gives, as RFC 7807 problem details.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult ProjectNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Project not found");

    public static ProblemHttpResult NotFound(string title) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title);

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: detail);

    public static ProblemHttpResult StorageUnavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable", detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = StorageFailureFilter.StorageErrorCode });

    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "The signed-in principal carries no user id (NameIdentifier or sub claim).");
}
