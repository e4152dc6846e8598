using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketResearch.Api.Security;

internal static class RateLimitResults
{
    /// <summary>429 problem details with Retry-After in whole seconds, rounded up.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests.",
            detail: $"Try again in {seconds} s.");
    }
}
