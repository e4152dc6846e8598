using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketResearch.Api.Infrastructure;

internal static class Problems
{
    /// <summary>404 as application/problem+json; worded so it never confirms that someone else's resource exists.</summary>
    public static ProblemHttpResult NotFound(string resource, Guid id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: $"The {resource} was not found.",
        detail: $"No {resource} with id {id} exists, or you cannot see it.");

    /// <summary>403 for members whose role does not allow the action (non-members get 404 instead).</summary>
    public static ProblemHttpResult Forbidden(string action) => TypedResults.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Your role in this project does not allow this.",
        detail: $"Only {action}.");
}
