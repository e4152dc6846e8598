using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MarketResearch.Api.Infrastructure;

internal static class Problems
{
    public static NotFound<ProblemDetails> NotFound(string resource, Guid id) => TypedResults.NotFound(new ProblemDetails
    {
        Status = StatusCodes.Status404NotFound,
        Title = $"The {resource} was not found.",
        Detail = $"No {resource} with id {id} exists, or you cannot see it.",
    });
}
