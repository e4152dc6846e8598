using MarketResearch.Api.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Security;

/// <summary>The general limit on /api: per signed-in user, or per client address for anonymous calls.</summary>
internal sealed class GeneralRateLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, DistributedRateLimiter limiter, IOptionsMonitor<RateLimitOptions> options)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var partition = context.User.Identity?.IsAuthenticated == true
            ? $"user:{context.User.Id():N}"
            : $"ip:{context.Connection.RemoteIpAddress}";
        var retryAfter = await limiter.TryAcquireAsync(RateLimitPolicies.General, partition, options.CurrentValue.General);
        if (retryAfter is { } wait)
        {
            await RateLimitResults.TooManyRequests(context, wait).ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
