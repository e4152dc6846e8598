using MarketResearch.Api.Identity;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.UnitTests.Identity;

public sealed class RevocationMirrorTests
{
    [Theory]
    [InlineData('j', "0f8fad5b-d9cb-469f-a165-70867728950e", 1_790_000_000L)]
    [InlineData('e', "7c9e6679742540de944be07fc1f90ae7", 1_790_000_123L)]
    [InlineData('p', "replica", 123_456_789_012L)]
    public void Messages_round_trip(char kind, string subject, long value)
    {
        var message = kind switch
        {
            RevocationMessage.TokenKind => RevocationMessage.Token(subject, value),
            RevocationMessage.EpochKind => RevocationMessage.Epoch(Guid.ParseExact(subject, "N"), value),
            _ => RevocationMessage.Ping(subject, value),
        };

        Assert.True(RevocationMessage.TryParse(message, out var parsedKind, out var parsedSubject, out var parsedValue));
        Assert.Equal((kind, subject, value), (parsedKind, parsedSubject, parsedValue));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("j|abc")]
    [InlineData("jj|abc|1")]
    [InlineData("j|abc|-1")]
    [InlineData("j|abc|x")]
    [InlineData("j|a|b|1")]
    public void Foreign_messages_are_ignored(string? message)
    {
        Assert.False(RevocationMessage.TryParse(message, out _, out _, out _));
    }

    [Fact]
    public async Task A_mirror_that_never_heard_from_redis_does_not_answer()
    {
        // Nothing listens on port 1: the mirror must leave every decision to the Redis path (which fails closed).
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        using var mirror = new RevocationMirror(
            redis, Options.Create(new RevocationOptions()), Options.Create(new AuthOptions()), TimeProvider.System, NullLogger<RevocationMirror>.Instance);
        await mirror.StartAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.False(mirror.IsCurrent);
        Assert.Null(mirror.TryIsRevoked("any", Guid.NewGuid(), DateTimeOffset.UtcNow));
        await mirror.StopAsync(CancellationToken.None);
    }
}

public sealed class TokenRevocationFailClosedTests
{
    [Fact]
    public async Task Without_redis_the_check_throws_promptly_instead_of_answering()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        var options = Options.Create(new RevocationOptions { FallbackTimeout = TimeSpan.FromMilliseconds(300) });
        using var mirror = new RevocationMirror(redis, options, Options.Create(new AuthOptions()), TimeProvider.System, NullLogger<RevocationMirror>.Instance);
        var revocation = new TokenRevocation(redis, mirror, options, TimeProvider.System);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var failure = await Record.ExceptionAsync(async () => await revocation.IsRevokedAsync("jti", Guid.NewGuid(), DateTimeOffset.UtcNow));

        Assert.True(failure is RedisException or TimeoutException, failure?.ToString() ?? "no exception");
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"took {started.Elapsed}");
    }
}
