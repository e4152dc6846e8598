using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>The in-process mirror of the revocation lists (Auth:Revocation); see <see cref="RevocationMirror"/>.</summary>
public sealed class RevocationOptions
{
    public const string Section = "Auth:Revocation";

    /// <summary>Off: every authenticated request asks Redis (one MGET), as before the mirror.</summary>
    public bool MirrorEnabled { get; set; } = true;

    /// <summary>How often each replica sends itself a ping through the revocation channel.</summary>
    public TimeSpan PingInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The mirror is trusted only while its last own ping came back within this; it bounds how late a revocation can be seen.</summary>
    public TimeSpan MaxStaleness { get; set; } = TimeSpan.FromMilliseconds(600);

    /// <summary>Longest wait for Redis when the mirror cannot answer; past it the request is refused (fail closed), not held.</summary>
    public TimeSpan FallbackTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Full reload from Redis this often, besides after every (re)subscription; also drops expired entries.</summary>
    public TimeSpan ReloadInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Keeps the mirror's promise checkable: a revocation must be seen on every replica within a second.</summary>
internal sealed class RevocationOptionsValidator : IValidateOptions<RevocationOptions>
{
    /// <summary>The bar: a revoked token is refused on every replica within one second.</summary>
    public static readonly TimeSpan RevocationDeadline = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MinPingInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Held requests pile up while Redis is away; refusing sooner is kinder to the server.</summary>
    public static readonly TimeSpan MaxFallbackTimeout = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, RevocationOptions options)
    {
        var failures = new List<string>();
        if (options.PingInterval < MinPingInterval)
        {
            failures.Add($"{RevocationOptions.Section}:PingInterval must be at least {MinPingInterval.TotalMilliseconds} ms.");
        }

        if (options.MaxStaleness < 2 * options.PingInterval || options.MaxStaleness >= RevocationDeadline)
        {
            failures.Add($"{RevocationOptions.Section}:MaxStaleness must be at least twice PingInterval and below {RevocationDeadline.TotalSeconds} s.");
        }

        if (options.FallbackTimeout <= TimeSpan.Zero || options.FallbackTimeout > MaxFallbackTimeout)
        {
            failures.Add($"{RevocationOptions.Section}:FallbackTimeout must be positive and at most {MaxFallbackTimeout.TotalSeconds} s.");
        }

        if (options.ReloadInterval < options.MaxStaleness)
        {
            failures.Add($"{RevocationOptions.Section}:ReloadInterval must not be shorter than MaxStaleness.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
