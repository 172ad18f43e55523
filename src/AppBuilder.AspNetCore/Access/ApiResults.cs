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

    /// <summary>402 with the budget's message and <c>code: budget_exceeded</c>.</summary>
    public static ProblemHttpResult BudgetExceeded(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status402PaymentRequired, title: "Budget exceeded", detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = AppBuilder.Agent.UsageBudget.ExceededCode });

    /// <summary>503 with the store's message and <c>code: storage_error</c>.</summary>
    public static ProblemHttpResult StorageUnavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unavailable", detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = StorageFailureFilter.StorageErrorCode });

    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: "The signed-in principal carries no user id (NameIdentifier or sub claim).");

    /// <summary>503 with a problem body and <c>Retry-After: 2</c>: a shared service the request needs is unreachable.</summary>
    public static ProblemHttpResult Unavailable(HttpContext context, string detail)
    {
        context.Response.Headers.RetryAfter = "2";
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: detail);
    }
}
