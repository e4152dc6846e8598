using System.Security.Cryptography;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

internal abstract record RefreshOutcome
{
    public sealed record Rotated(Guid UserId, Guid FamilyId, string NewToken) : RefreshOutcome;
    public sealed record Invalid : RefreshOutcome;
    public sealed record Reused(Guid UserId, Guid FamilyId) : RefreshOutcome;
}

/// <summary>Rotating refresh tokens: opaque random strings, stored hashed, one family per sign-in session.</summary>
internal sealed class RefreshTokens(ResearchDbContext db, IOptions<AuthOptions> options, TimeProvider clock)
{
    private const int TokenBytes = 32;

    public async Task<string> IssueAsync(Guid userId, Guid familyId, CancellationToken cancellationToken)
    {
        var token = Base64UrlToken();
        var now = clock.GetUtcNow();
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            FamilyId = familyId,
            TokenHash = Hash(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        });
        await SaveInOneBatchAsync(cancellationToken);
        return token;
    }

    /// <summary>Spends the token and issues its successor; a token spent before means theft: the family dies.</summary>
    public async Task<RefreshOutcome> RotateAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var now = clock.GetUtcNow();
        // The conditional update is the claim: of two concurrent refreshes with one token, exactly one wins.
        var claimed = await db.RefreshTokens
            .Where(row => row.TokenHash == hash && row.ConsumedAt == null && row.RevokedAt == null && row.ExpiresAt > now)
            .ExecuteUpdateAsync(update => update.SetProperty(row => row.ConsumedAt, now), cancellationToken);
        var stored = await db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(row => row.TokenHash == hash, cancellationToken);
        if (stored is null)
        {
            return new RefreshOutcome.Invalid();
        }

        if (claimed == 1)
        {
            return new RefreshOutcome.Rotated(stored.UserId, stored.FamilyId, await IssueAsync(stored.UserId, stored.FamilyId, cancellationToken));
        }

        if (stored.ConsumedAt is not null && stored.RevokedAt is null)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return new RefreshOutcome.Reused(stored.UserId, stored.FamilyId);
        }

        return new RefreshOutcome.Invalid();
    }

    public Task RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken) =>
        Revoke(db.RefreshTokens.Where(row => row.FamilyId == familyId), cancellationToken);

    public Task RevokeAllAsync(Guid userId, CancellationToken cancellationToken) =>
        Revoke(db.RefreshTokens.Where(row => row.UserId == userId), cancellationToken);

    private Task Revoke(IQueryable<RefreshToken> tokens, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return tokens.Where(row => row.RevokedAt == null).ExecuteUpdateAsync(update => update.SetProperty(row => row.RevokedAt, now), cancellationToken);
    }

    /// <summary>
    /// Saves the token with whatever the request staged (a sign-in's audit row) without EF's explicit transaction: the
    /// rows go out as one Npgsql batch, which Postgres runs in one implicit transaction (a failing row rolls back the
    /// others), so BEGIN/COMMIT would only add a round trip for the COMMIT.
    /// </summary>
    private async Task SaveInOneBatchAsync(CancellationToken cancellationToken)
    {
        var behaviour = db.Database.AutoTransactionBehavior;
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Database.AutoTransactionBehavior = behaviour;
        }
    }

    private static string Base64UrlToken() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));

    private static byte[] Hash(string token) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token));
}
