using MarketResearch.Api.Identity;
using MarketResearch.Domain.Identity;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// A sign-in stores its refresh token and its audit row in one batch without an explicit transaction (one round trip):
/// against the real Postgres, both rows land together, and a row the database refuses takes the other one with it.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class SignInSessionTests(LocalStackFixture stack)
{
    [Fact]
    public async Task The_refresh_token_and_the_staged_audit_row_are_stored_together()
    {
        var userId = await RegisteredUserIdAsync();
        var familyId = Guid.CreateVersion7();
        await using var db = await ContextAsync();
        var staged = Event(userId, SecurityEventTypes.LoginSucceeded);
        db.SecurityEvents.Add(staged);

        await new RefreshTokens(db, Options.Create(new AuthOptions()), TimeProvider.System).IssueAsync(userId, familyId, CancellationToken.None);

        Assert.Equal(1L, await stack.CountAsync("SELECT count(*) FROM refresh_tokens WHERE family_id = @id", familyId));
        Assert.Equal(1L, await stack.CountAsync("SELECT count(*) FROM security_events WHERE id = @id", staged.Id));
    }

    [Fact]
    public async Task A_refused_audit_row_leaves_no_refresh_token_behind()
    {
        var userId = await RegisteredUserIdAsync();
        var familyId = Guid.CreateVersion7();
        await using var db = await ContextAsync();
        // security_events.type is varchar(64): Postgres refuses this row inside the batch.
        var refused = Event(userId, new string('x', 65));
        db.SecurityEvents.Add(refused);

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            new RefreshTokens(db, Options.Create(new AuthOptions()), TimeProvider.System).IssueAsync(userId, familyId, CancellationToken.None));

        Assert.Equal(0L, await stack.CountAsync("SELECT count(*) FROM refresh_tokens WHERE family_id = @id", familyId));
        Assert.Equal(0L, await stack.CountAsync("SELECT count(*) FROM security_events WHERE id = @id", refused.Id));
        // The context's own setting is back: other saves of the request keep EF's transaction.
        Assert.Equal(AutoTransactionBehavior.WhenNeeded, db.Database.AutoTransactionBehavior);
    }

    [Fact]
    public async Task A_refused_refresh_token_leaves_no_audit_row_behind()
    {
        var familyId = Guid.CreateVersion7();
        await using var db = await ContextAsync();
        // The other order of failure: the audit row is fine, the token names no account (a foreign-key violation).
        var staged = Event(null, SecurityEventTypes.LoginFailed);
        db.SecurityEvents.Add(staged);

        await Assert.ThrowsAsync<DbUpdateException>(() =>
            new RefreshTokens(db, Options.Create(new AuthOptions()), TimeProvider.System).IssueAsync(Guid.CreateVersion7(), familyId, CancellationToken.None));

        Assert.Equal(0L, await stack.CountAsync("SELECT count(*) FROM security_events WHERE id = @id", staged.Id));
        Assert.Equal(0L, await stack.CountAsync("SELECT count(*) FROM refresh_tokens WHERE family_id = @id", familyId));
    }

    private static SecurityEvent Event(Guid? userId, string type) => new()
    {
        Id = Guid.CreateVersion7(),
        UserId = userId,
        Type = type,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private async Task<ResearchDbContext> ContextAsync()
    {
        var options = new DbContextOptionsBuilder<ResearchDbContext>().UseNpgsql(await stack.DatabaseConnectionStringAsync());
        options.UseResearchConventions();
        return new ResearchDbContext(options.Options);
    }

    private async Task<Guid> RegisteredUserIdAsync()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT id FROM "AspNetUsers" WHERE normalized_email = @email""", connection);
        command.Parameters.AddWithValue("email", user.Email.ToUpperInvariant());
        return (Guid)(await command.ExecuteScalarAsync())!;
    }
}
