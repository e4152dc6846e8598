using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.Api.Identity;

/// <summary>
/// This replica's in-memory copy of the revoked jtis and user epochs, so a request needs no network round trip.
/// It is fed by the revocation channel and fully reloaded from Redis after every (re)subscription and periodically.
/// Trust is earned, not assumed: the replica publishes a ping on the same channel every PingInterval, and Redis
/// delivers one connection's messages in publication order, so a ping sent at t that came back proves every
/// revocation published before t has been applied. Answers come from the mirror only while the last ping came back
/// within MaxStaleness and no loss has been seen since the last reload; otherwise callers ask Redis directly.
/// Every failure of a Redis call is caught and only delays trust: a dying link throws RedisException,
/// RedisTimeoutException, TaskCanceledException and even InvalidOperationException, and one that escaped this
/// loop once stopped the whole API host.
/// </summary>
internal sealed partial class RevocationMirror(
    IConnectionMultiplexer redis,
    IOptions<RevocationOptions> options,
    IOptions<AuthOptions> authOptions,
    TimeProvider clock,
    ILogger<RevocationMirror> logger) : BackgroundService
{
    private readonly string _replica = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, long> _deniedUntil = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Guid, long> _epochs = new();

    // Timestamps are TimeProvider.GetTimestamp() ticks; generations count suspected losses and completed reloads.
    private long _lastPingSent;
    private long _lossSeenAt;
    private long _lossGeneration = 1;
    private long _reloadedGeneration;

    /// <summary>True while the mirror may answer: subscription proven fresh and reloaded since the last suspected loss.</summary>
    public bool IsCurrent =>
        options.Value.MirrorEnabled
        && Interlocked.Read(ref _reloadedGeneration) == Interlocked.Read(ref _lossGeneration)
        && clock.GetElapsedTime(Interlocked.Read(ref _lastPingSent)) <= options.Value.MaxStaleness;

    /// <summary>The answer from memory, or null when the mirror cannot be trusted right now.</summary>
    public bool? TryIsRevoked(string tokenId, Guid userId, DateTimeOffset issuedAt)
    {
        if (!IsCurrent)
        {
            return null;
        }

        if (_deniedUntil.ContainsKey(tokenId))
        {
            return true;
        }

        return _epochs.TryGetValue(userId, out var epoch) && issuedAt.ToUnixTimeSeconds() < epoch;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.MirrorEnabled)
        {
            return;
        }

        Interlocked.Exchange(ref _lossSeenAt, clock.GetTimestamp());
        redis.ConnectionFailed += OnConnectionChanged;
        redis.ConnectionRestored += OnConnectionChanged;
        try
        {
            await SubscribeAsync(stoppingToken);
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            redis.ConnectionFailed -= OnConnectionChanged;
            redis.ConnectionRestored -= OnConnectionChanged;
            SuspectLoss();
        }
    }

    private async Task SubscribeAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                // One ordered queue: revocations and pings are applied exactly in the order Redis sent them.
                var queue = await redis.GetSubscriber().SubscribeAsync(TokenRevocation.Channel);
                queue.OnMessage(message => Apply(message.Message));
                return;
            }
            catch (Exception exception)
            {
                LogUnavailable(exception);
                await Task.Delay(options.Value.PingInterval, clock, stoppingToken);
            }
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var lastReload = clock.GetTimestamp();
        using var ticker = new PeriodicTimer(options.Value.PingInterval, clock);
        do
        {
            if (clock.GetElapsedTime(Interlocked.Read(ref _lastPingSent)) > options.Value.MaxStaleness)
            {
                SuspectLoss();
            }

            var subscriptionProven = Interlocked.Read(ref _lastPingSent) > Interlocked.Read(ref _lossSeenAt);
            var behind = Interlocked.Read(ref _reloadedGeneration) != Interlocked.Read(ref _lossGeneration);
            if (subscriptionProven && (behind || clock.GetElapsedTime(lastReload) >= options.Value.ReloadInterval))
            {
                if (await TryReloadAsync())
                {
                    lastReload = clock.GetTimestamp();
                }
            }

            await PingAsync();
        }
        while (await ticker.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PingAsync()
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(TokenRevocation.Channel, RevocationMessage.Ping(_replica, clock.GetTimestamp()));
        }
        catch (Exception exception)
        {
            // The ping not coming back is what makes the mirror stale; nothing else to do here.
            LogUnavailable(exception);
        }
    }

    /// <summary>Merges the sorted sets into memory and drops what has expired; done after the subscription is proven.</summary>
    private async Task<bool> TryReloadAsync()
    {
        var generation = Interlocked.Read(ref _lossGeneration);
        var now = clock.GetUtcNow();
        var epochHorizon = (now - authOptions.Value.AccessTokenLifetime - IdentityRegistration.ClockSkew).ToUnixTimeSeconds();
        try
        {
            var batch = redis.GetDatabase().CreateBatch();
            var pruneDenied = batch.SortedSetRemoveRangeByScoreAsync(TokenRevocation.DeniedSet, double.NegativeInfinity, now.ToUnixTimeSeconds());
            var pruneEpochs = batch.SortedSetRemoveRangeByScoreAsync(TokenRevocation.EpochSet, double.NegativeInfinity, epochHorizon);
            var denied = batch.SortedSetRangeByRankWithScoresAsync(TokenRevocation.DeniedSet);
            var epochs = batch.SortedSetRangeByRankWithScoresAsync(TokenRevocation.EpochSet);
            batch.Execute();
            await Task.WhenAll(pruneDenied, pruneEpochs, denied, epochs);

            foreach (var entry in await denied)
            {
                RememberToken(entry.Element!, (long)entry.Score);
            }

            foreach (var entry in await epochs)
            {
                if (Guid.TryParseExact(entry.Element.ToString(), "N", out var userId))
                {
                    RememberEpoch(userId, (long)entry.Score);
                }
            }

            Prune(now.ToUnixTimeSeconds(), epochHorizon);
            // A loss seen while reloading needs another reload: only mark the generation this one began in.
            Interlocked.Exchange(ref _reloadedGeneration, generation);
            return true;
        }
        catch (Exception exception)
        {
            LogUnavailable(exception);
            return false;
        }
    }

    private void Apply(RedisValue message)
    {
        if (!RevocationMessage.TryParse(message, out var kind, out var subject, out var value))
        {
            return;
        }

        switch (kind)
        {
            case RevocationMessage.TokenKind:
                RememberToken(subject, value);
                break;
            case RevocationMessage.EpochKind when Guid.TryParseExact(subject, "N", out var userId):
                RememberEpoch(userId, value);
                break;
            case RevocationMessage.PingKind when subject == _replica:
                InterlockedMax(ref _lastPingSent, value);
                break;
        }
    }

    public void RememberToken(string tokenId, long until) => _deniedUntil.AddOrUpdate(tokenId, until, (_, known) => Math.Max(known, until));

    public void RememberEpoch(Guid userId, long epoch) => _epochs.AddOrUpdate(userId, epoch, (_, known) => Math.Max(known, epoch));

    private void Prune(long now, long epochHorizon)
    {
        foreach (var (tokenId, until) in _deniedUntil)
        {
            if (until < now)
            {
                _deniedUntil.TryRemove(new KeyValuePair<string, long>(tokenId, until));
            }
        }

        foreach (var (userId, epoch) in _epochs)
        {
            if (epoch < epochHorizon)
            {
                _epochs.TryRemove(new KeyValuePair<Guid, long>(userId, epoch));
            }
        }
    }

    private void OnConnectionChanged(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription)
        {
            SuspectLoss();
        }
    }

    /// <summary>Messages may have been missed: stop answering until a ping sent after now returns and a reload completes.</summary>
    private void SuspectLoss()
    {
        Interlocked.Exchange(ref _lossSeenAt, clock.GetTimestamp());
        Interlocked.Increment(ref _lossGeneration);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The revocation mirror cannot reach Redis; requests ask Redis directly until it is current again.")]
    private partial void LogUnavailable(Exception exception);
}
