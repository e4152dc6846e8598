using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace MarketResearch.Api.Identity;

/// <summary>
/// Proof that an account's password step passed, handed out when the second factor is still missing, so the code
/// step does not need the password again (a client never has to keep it) and costs no second Argon2id hash.
/// Opaque, random, stored only as its SHA-256 in Redis, good for <see cref="AuthOptions.MfaTicketLifetime"/>, spent
/// by a successful code and burned after <see cref="AuthOptions.MfaTicketAttempts"/> wrong ones.
/// </summary>
internal sealed class MfaTickets(IConnectionMultiplexer redis, IOptions<AuthOptions> options)
{
    private const int TicketBytes = 32;
    private const string UserField = "user";
    private const string AttemptsField = "attempts";

    public async Task<string> IssueAsync(Guid userId)
    {
        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(TicketBytes))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = Key(ticket);
        var batch = redis.GetDatabase().CreateBatch();
        var stored = batch.HashSetAsync(key, [new HashEntry(UserField, userId.ToString("N")), new HashEntry(AttemptsField, 0)]);
        var expiry = batch.KeyExpireAsync(key, options.Value.MfaTicketLifetime);
        batch.Execute();
        await Task.WhenAll(stored, expiry);
        return ticket;
    }

    /// <summary>The account a live ticket was issued to, or null when it is unknown, expired, spent or burned.</summary>
    public async Task<Guid?> UserOfAsync(string ticket)
    {
        if (ticket.Length is 0 or > 100)
        {
            return null;
        }

        var user = await redis.GetDatabase().HashGetAsync(Key(ticket), UserField);
        return user.HasValue && Guid.TryParseExact(user.ToString(), "N", out var userId) ? userId : null;
    }

    /// <summary>Counts a wrong code; true when that burned the ticket, so it cannot be used to keep guessing codes.</summary>
    public async Task<bool> RecordWrongCodeAsync(string ticket)
    {
        var attempts = await redis.GetDatabase().HashIncrementAsync(Key(ticket), AttemptsField);
        if (attempts < options.Value.MfaTicketAttempts)
        {
            return false;
        }

        await SpendAsync(ticket);
        return true;
    }

    /// <summary>Deletes the ticket; true only for the one caller that deleted it (a ticket signs in once).</summary>
    public Task<bool> SpendAsync(string ticket) => redis.GetDatabase().KeyDeleteAsync(Key(ticket));

    private static RedisKey Key(string ticket) =>
        $"auth:mfa-ticket:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ticket)))}";
}
