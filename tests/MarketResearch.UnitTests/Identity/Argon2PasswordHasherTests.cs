using System.Diagnostics;
using MarketResearch.Api.Identity;
using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.UnitTests.Identity;

public sealed class Argon2PasswordHasherTests
{
    private const string Password = "correct horse battery staple";
    private const int Rounds = 20;
    private static readonly ResearchUser User = new();

    private static Argon2PasswordHasher Hasher(int memoryKiB = 19_456, int iterations = 2) =>
        new(Options.Create(new PasswordHashingOptions { MemoryKiB = memoryKiB, Iterations = iterations }));

    [Fact]
    public void A_hash_is_an_argon2id_phc_string_that_names_its_version_and_cost()
    {
        var hash = Hasher().HashPassword(User, Password);

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash, StringComparison.Ordinal);
        Assert.Equal(6, hash.Split('$').Length);
        Assert.DoesNotContain('\0', hash);
    }

    [Fact]
    public void Hashes_are_salted()
    {
        var hasher = Hasher();

        Assert.NotEqual(hasher.HashPassword(User, Password), hasher.HashPassword(User, Password));
    }

    [Fact]
    public void The_right_password_verifies_and_a_wrong_one_does_not()
    {
        var hasher = Hasher();
        var hash = hasher.HashPassword(User, Password);

        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(User, hash, Password));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(User, hash, Password + " "));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(User, hash, string.Empty));
    }

    [Fact]
    public void Non_ascii_passwords_round_trip()
    {
        var hasher = Hasher();
        var hash = hasher.HashPassword(User, "pässwörd ünïcödé 密码 🔑");

        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(User, hash, "pässwörd ünïcödé 密码 🔑"));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(User, hash, "passwörd ünïcödé 密码 🔑"));
    }

    [Theory]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV3, 100_000)]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV3, 10_000)]
    [InlineData(PasswordHasherCompatibilityMode.IdentityV2, 1_000)]
    public void Pbkdf2_hashes_from_identity_still_verify_and_ask_for_a_rehash(PasswordHasherCompatibilityMode mode, int iterations)
    {
        var legacy = new PasswordHasher<ResearchUser>(Options.Create(new PasswordHasherOptions { CompatibilityMode = mode, IterationCount = iterations }));
        var hash = legacy.HashPassword(User, Password);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher().VerifyHashedPassword(User, hash, Password));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher().VerifyHashedPassword(User, hash, "not the password at all"));
    }

    [Fact]
    public void A_rehashed_pbkdf2_password_becomes_argon2id_with_the_current_cost()
    {
        var hasher = Hasher();
        var legacyHash = new PasswordHasher<ResearchUser>().HashPassword(User, Password);
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, hasher.VerifyHashedPassword(User, legacyHash, Password));

        // What UserManager does on SuccessRehashNeeded.
        var upgraded = hasher.HashPassword(User, Password);

        Assert.StartsWith(Argon2PasswordHasher.Prefix, upgraded, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(User, upgraded, Password));
    }

    [Fact]
    public void A_hash_of_another_cost_verifies_and_asks_for_a_rehash()
    {
        var older = Hasher(memoryKiB: 7_168, iterations: 5).HashPassword(User, Password);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher().VerifyHashedPassword(User, older, Password));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher().VerifyHashedPassword(User, older, "wrong"));
    }

    [Theory]
    [InlineData(47_104, 1)]
    [InlineData(19_456, 2)]
    [InlineData(12_288, 3)]
    [InlineData(9_216, 4)]
    [InlineData(7_168, 5)]
    public void New_hashes_carry_the_configured_cost_and_verify_without_a_rehash(int memoryKiB, int iterations)
    {
        var hasher = Hasher(memoryKiB, iterations);
        var hash = hasher.HashPassword(User, Password);

        Assert.Equal($"m={memoryKiB},t={iterations},p=1", CostOf(hash));
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(User, hash, Password));
    }

    [Fact]
    public void The_default_options_hash_at_the_default_cost()
    {
        var defaults = new PasswordHashingOptions();
        var hash = new Argon2PasswordHasher(Options.Create(defaults)).HashPassword(User, Password);

        Assert.Equal($"m={defaults.MemoryKiB},t={defaults.Iterations},p=1", CostOf(hash));
    }

    [Fact]
    public void A_hash_at_the_previous_default_migrates_to_the_current_default_at_the_next_sign_in()
    {
        var previous = Hasher(memoryKiB: 19_456, iterations: 2).HashPassword(User, Password);
        var current = new Argon2PasswordHasher(Options.Create(new PasswordHashingOptions()));

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, current.VerifyHashedPassword(User, previous, Password));
        Assert.Equal(PasswordVerificationResult.Failed, current.VerifyHashedPassword(User, previous, "a wrong password"));

        // What UserManager does on SuccessRehashNeeded: the new hash has the current cost and needs nothing more.
        var rehashed = current.HashPassword(User, Password);
        Assert.Equal(PasswordVerificationResult.Success, current.VerifyHashedPassword(User, rehashed, Password));
    }

    [Fact]
    public void A_stronger_hash_than_configured_is_also_brought_to_the_configured_cost()
    {
        // A lowered setting must take effect too, or the login cost would never fall to what was configured.
        var stronger = Hasher(memoryKiB: 19_456, iterations: 3).HashPassword(User, Password);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher(memoryKiB: 19_456, iterations: 2).VerifyHashedPassword(User, stronger, Password));
    }

    [Fact]
    public void The_decoy_follows_the_configured_cost()
    {
        var decoy = new DecoyPassword(Hasher(memoryKiB: 12_288, iterations: 3));

        Assert.Equal("m=12288,t=3,p=1", CostOf(decoy.Hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$argon2id$garbage")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$!!!!$????????????????????????????????????????????????????????????????")]
    [InlineData("bm90IGEgaGFzaA==")]
    [InlineData("not base64 at all")]
    public void Damaged_or_foreign_hashes_never_match_and_never_throw(string hash)
    {
        Assert.Equal(PasswordVerificationResult.Failed, Hasher().VerifyHashedPassword(User, hash, Password));
    }

    [Fact]
    public void The_decoy_has_the_cost_of_a_real_hash()
    {
        var hasher = Hasher();
        var decoy = new DecoyPassword(hasher);
        var real = hasher.HashPassword(User, Password);

        Assert.Equal(CostOf(real), CostOf(decoy.Hash));
    }

    [Fact]
    public void Verifying_the_decoy_takes_as_long_as_verifying_a_real_hash()
    {
        var hasher = Hasher();
        var decoy = new DecoyPassword(hasher);
        var real = hasher.HashPassword(User, Password);

        // Interleaved, and the fastest of many runs of each: what the work costs, without the noise of a shared
        // machine. The bound is loose on purpose; a decoy of another algorithm or cost is off by 3× or more.
        var decoyTime = double.MaxValue;
        var realTime = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            decoyTime = Math.Min(decoyTime, Time(() => decoy.Verify("a guess at a password")));
            realTime = Math.Min(realTime, Time(() => hasher.VerifyHashedPassword(User, real, "a guess at a password")));
        }

        Assert.InRange(decoyTime / realTime, 0.5, 2.0);
    }

    private static string CostOf(string hash) => hash.Split('$')[3];

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
