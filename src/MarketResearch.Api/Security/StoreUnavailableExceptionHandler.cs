using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Security;

/// <summary>
/// Postgres or Redis unreachable or too slow (rate-limit counters cannot be kept, a row cannot be read) is the server's
/// trouble, not a crash: 503 problem details with Retry-After, so clients and load balancers retry instead of giving up.
/// </summary>
internal sealed class StoreUnavailableExceptionHandler(IProblemDetailsService problemDetails, IOptions<RateLimitOptions> options) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StoreOutage.Caused(exception, httpContext.RequestAborted))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Value.StoreRetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is briefly unavailable.",
                Detail = "A shared store did not answer in time. Try again shortly.",
            },
            Exception = exception,
        });
    }
}
