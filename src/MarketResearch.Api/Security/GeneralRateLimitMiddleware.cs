using MarketResearch.Api.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Security;

/// <summary>Marks an endpoint that counts the general limit itself, together with its own limits in one Redis round trip.</summary>
internal sealed class ChargesGeneralLimitItself;

/// <summary>The general limit on /api: per signed-in user, or per client address for anonymous calls.</summary>
internal sealed class GeneralRateLimitMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, DistributedRateLimiter limiter, IOptionsMonitor<RateLimitOptions> options)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || context.GetEndpoint()?.Metadata.GetMetadata<ChargesGeneralLimitItself>() is not null)
        {
            await next(context);
            return;
        }

        var retryAfter = await limiter.TryAcquireAsync(RateLimitPolicies.General, Partition(context), options.CurrentValue.General);
        if (retryAfter is { } wait)
        {
            await RateLimitResults.TooManyRequests(context, wait).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    /// <summary>The general limit's partition: the signed-in user, or the client address.</summary>
    public static string Partition(HttpContext context) => context.User.Identity?.IsAuthenticated == true
        ? $"user:{context.User.Id():N}"
        : $"ip:{ClientAddress(context)}";

    /// <summary>The address the per-address limits count (the forwarded client's, behind a configured reverse proxy).</summary>
    public static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
