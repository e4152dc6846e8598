using System.Diagnostics.Metrics;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Persistence;

namespace MarketResearch.Api.Identity;

/// <summary>Writes the audit trail of security events and counts them (security_events_total, security_lockouts_total).</summary>
internal sealed class SecurityAudit(ResearchDbContext db, IHttpContextAccessor http, TimeProvider clock, SecurityMetrics metrics)
{
    private const int MaxUserAgentLength = 512;

    public async Task RecordAsync(string type, Guid? userId, string? detail = null, CancellationToken cancellationToken = default)
    {
        Stage(type, userId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds the event to the unit of work; the caller's next SaveChanges stores it with its own rows.</summary>
    public void Stage(string type, Guid? userId, string? detail = null)
    {
        var request = http.HttpContext?.Request;
        var userAgent = request?.Headers.UserAgent.ToString();
        var now = clock.GetUtcNow();
        db.SecurityEvents.Add(new SecurityEvent
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Type = type,
            OccurredAt = now,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            UserAgent = string.IsNullOrEmpty(userAgent) ? null : userAgent[..Math.Min(userAgent.Length, MaxUserAgentLength)],
            Detail = detail,
        });
        metrics.Record(type);
    }
}

internal sealed class SecurityMetrics
{
    public const string MeterName = "MarketResearch.Security";

    private readonly Counter<long> _events;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _rateLimitRejections;

    public SecurityMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("security.events", description: "Security events by type.");
        _lockouts = meter.CreateCounter<long>("security.lockouts", description: "Accounts locked after repeated failures.");
        _rateLimitRejections = meter.CreateCounter<long>("rate_limit.rejections", description: "Requests refused by a rate limit, by policy.");
    }

    public void Record(string type)
    {
        _events.Add(1, new KeyValuePair<string, object?>("type", type));
        if (type == SecurityEventTypes.LockedOut)
        {
            _lockouts.Add(1);
        }
    }

    public void RateLimited(string policy) => _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));
}
