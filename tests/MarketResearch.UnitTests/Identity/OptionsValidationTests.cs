using MarketResearch.Api.Identity;

namespace MarketResearch.UnitTests.Identity;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData(47_104, 1)]
    [InlineData(19_456, 2)]
    [InlineData(12_288, 3)]
    [InlineData(9_216, 4)]
    [InlineData(7_168, 5)]
    [InlineData(65_536, 3)]
    public void Every_row_of_owasps_argon2id_table_is_accepted(int memoryKiB, int iterations)
    {
        var result = new PasswordHashingOptionsValidator().Validate(null, new PasswordHashingOptions { MemoryKiB = memoryKiB, Iterations = iterations });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(19_456, 1)]
    [InlineData(4_096, 9)]
    [InlineData(12_288, 2)]
    [InlineData(7_168, 4)]
    [InlineData(19_456, 0)]
    [InlineData(2_000_000, 2)]
    // Memory × passes of a row, but less memory than the one-pass row and fewer passes than the others.
    [InlineData(36_864, 1)]
    [InlineData(18_432, 2)]
    [InlineData(4_096, 16)]
    public void Costs_below_owasp_or_absurd_ones_refuse_to_start(int memoryKiB, int iterations)
    {
        var result = new PasswordHashingOptionsValidator().Validate(null, new PasswordHashingOptions { MemoryKiB = memoryKiB, Iterations = iterations });

        Assert.True(result.Failed);
        Assert.Contains("Auth:PasswordHashing", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_cost_is_one_of_owasps_rows_exactly()
    {
        var defaults = new PasswordHashingOptions();

        Assert.Contains(new Argon2Cost(defaults.MemoryKiB, defaults.Iterations), Argon2Cost.OwaspMinimums);
        Assert.True(new PasswordHashingOptionsValidator().Validate(null, defaults).Succeeded);
    }

    [Fact]
    public void The_default_revocation_mirror_settings_are_valid()
    {
        Assert.True(new RevocationOptionsValidator().Validate(null, new RevocationOptions()).Succeeded);
    }

    [Theory]
    [InlineData(200, 1000, 30_000)]
    [InlineData(200, 300, 30_000)]
    [InlineData(5, 600, 30_000)]
    [InlineData(200, 600, 100)]
    public void Revocation_mirror_settings_that_break_the_one_second_promise_refuse_to_start(int pingMs, int stalenessMs, int reloadMs)
    {
        var options = new RevocationOptions
        {
            PingInterval = TimeSpan.FromMilliseconds(pingMs),
            MaxStaleness = TimeSpan.FromMilliseconds(stalenessMs),
            ReloadInterval = TimeSpan.FromMilliseconds(reloadMs),
        };

        Assert.True(new RevocationOptionsValidator().Validate(null, options).Failed);
    }
}
