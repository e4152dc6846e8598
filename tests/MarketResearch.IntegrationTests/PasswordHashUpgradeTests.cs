using MarketResearch.Api.Identity;
using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>Accounts hashed by Identity's PBKDF2 before Argon2id keep working and are upgraded at their next sign-in.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class PasswordHashUpgradeTests(LocalStackFixture stack)
{
    private static readonly string DefaultCostPrefix =
        $"$argon2id$v=19$m={new PasswordHashingOptions().MemoryKiB},t={new PasswordHashingOptions().Iterations},p=1$";

    [Fact]
    public async Task New_accounts_are_hashed_with_argon2id()
    {
        using var user = await ApiUser.RegisterAsync(stack);

        Assert.StartsWith(DefaultCostPrefix, await StoredHashAsync(user.Email), StringComparison.Ordinal);
    }

    [Fact]
    public Task An_argon2id_hash_of_the_previous_default_cost_is_rehashed_at_the_default_cost_at_sign_in() =>
        AssertReplacedAtSignInAsync(new Argon2PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = 19_456, Iterations = 2 }))
            .HashPassword(new ResearchUser(), ApiUser.Password));

    [Fact]
    public Task A_pbkdf2_hash_signs_in_and_is_replaced_by_argon2id_at_that_sign_in() =>
        AssertReplacedAtSignInAsync(new PasswordHasher<ResearchUser>().HashPassword(new ResearchUser(), ApiUser.Password));

    // A wrong password leaves the old hash alone; the right one signs in and stores a default-cost hash, once.
    private async Task AssertReplacedAtSignInAsync(string oldHash)
    {
        using var user = await ApiUser.RegisterAsync(stack);
        await SetStoredHashAsync(user.Email, oldHash);

        using var api = stack.CreateClient("api");
        var wrong = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the password at all" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(oldHash, await StoredHashAsync(user.Email));

        await ApiUser.LoginAsync(api, user.Email, ApiUser.Password);

        var replaced = await StoredHashAsync(user.Email);
        Assert.StartsWith(DefaultCostPrefix, replaced, StringComparison.Ordinal);
        await ApiUser.LoginAsync(api, user.Email, ApiUser.Password);
        Assert.Equal(replaced, await StoredHashAsync(user.Email));
    }

    private async Task<string> StoredHashAsync(string email)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT password_hash FROM "AspNetUsers" WHERE normalized_email = @email""", connection);
        command.Parameters.AddWithValue("email", email.ToUpperInvariant());
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task SetStoredHashAsync(string email, string hash)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""UPDATE "AspNetUsers" SET password_hash = @hash WHERE normalized_email = @email""", connection);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("email", email.ToUpperInvariant());
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
