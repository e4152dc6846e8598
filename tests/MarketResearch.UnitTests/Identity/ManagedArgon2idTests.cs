using System.Text;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Identity.Argon2;
using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sodium = Geralt.Argon2id;

namespace MarketResearch.UnitTests.Identity;

/// <summary>
/// The managed Argon2id against libsodium as the oracle: libsodium hashes, the managed code recomputes the same string from
/// its salt and cost, and libsodium verifies what the managed code writes. Every kernel the CPU supports is run.
/// </summary>
public sealed class ManagedArgon2idTests
{
    private const int BytesPerKiB = 1024;
    private const int CasesPerKernel = 40;

    /// <summary>Kernel names (the kernel type is internal to the API).</summary>
    public static TheoryData<string> Kernels()
    {
        var kernels = new TheoryData<string>();
        foreach (var kernel in Enum.GetValues<Argon2Kernel>().Where(Argon2Kernels.IsSupported))
        {
            kernels.Add(kernel.ToString());
        }

        return kernels;
    }

    [Avx512Fact]
    public void This_machine_runs_the_portable_and_both_vector_kernels()
    {
        // The theories below cover only what the CPU supports: make sure that is all of them on an AVX-512 machine.
        Assert.True(Argon2Kernels.IsSupported(Argon2Kernel.Vector256));
        Assert.True(Argon2Kernels.IsSupported(Argon2Kernel.Vector512));
        Assert.Equal(Argon2Kernel.Vector512, Argon2Kernels.Fastest);
        Assert.Equal(Argon2Kernel.Vector512, Argon2Kernels.Preferred);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Random_passwords_salts_and_small_costs_hash_exactly_as_libsodium_does(string kernelName)
    {
        var kernel = Enum.Parse<Argon2Kernel>(kernelName);
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        var managed = new ManagedArgon2id(new Argon2Memory(1), kernel);
        for (var round = 0; round < CasesPerKernel; round++)
        {
            var password = RandomPassword(random, round);
            var memoryKiB = ManagedArgon2id.MinMemoryKiB + random.Next(0, 300);
            var iterations = random.Next(1, 6);
            var oracle = LibsodiumHash(password, memoryKiB, iterations);
            var context = $"seed {seed}, round {round}, {oracle}";

            Assert.True(Argon2idHashString.TryParse(oracle, out var stored), context);
            var tag = new byte[stored.Hash.Length];
            managed.Hash(password, stored.Salt, stored.MemoryKiB, stored.Iterations, tag);
            Assert.Equal(oracle, (stored with { Hash = tag }).ToString());
            Assert.True(managed.Verify(stored, password), context);
            Assert.False(managed.Verify(stored, [.. password, (byte)'!']), context);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void What_the_managed_code_writes_libsodium_verifies(string kernelName)
    {
        var kernel = Enum.Parse<Argon2Kernel>(kernelName);
        var random = new Random();
        var managed = new ManagedArgon2id(new Argon2Memory(1), kernel);
        for (var round = 0; round < CasesPerKernel / 4; round++)
        {
            var password = RandomPassword(random, round);
            var salt = new byte[16];
            random.NextBytes(salt);
            var tag = new byte[32];
            var memoryKiB = ManagedArgon2id.MinMemoryKiB + random.Next(0, 300);
            var iterations = random.Next(1, 6);
            managed.Hash(password, salt, memoryKiB, iterations, tag);
            var written = new Argon2idHashString(memoryKiB, iterations, salt, tag).ToString();

            Assert.True(Sodium.VerifyHash(written, password), written);
            Assert.False(Sodium.VerifyHash(written, [.. password, 0]), written);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void The_default_cost_hashes_exactly_as_libsodium_does(string kernelName)
    {
        var kernel = Enum.Parse<Argon2Kernel>(kernelName);
        var defaults = new PasswordHashingOptions();
        var password = Encoding.UTF8.GetBytes("correct horse battery staple, 密码");
        var oracle = LibsodiumHash(password, defaults.MemoryKiB, defaults.Iterations);
        Assert.True(Argon2idHashString.TryParse(oracle, out var stored));
        var managed = new ManagedArgon2id(new Argon2Memory(1), kernel);

        Assert.True(managed.Verify(stored, password));
        Assert.False(managed.Verify(stored, Encoding.UTF8.GetBytes("correct horse battery staple, 密")));
    }

    [Avx512Fact]
    public void The_kernels_compute_the_same_compression_on_random_blocks()
    {
        var random = new Random();
        var prev = RandomBlock(random);
        var reference = RandomBlock(random);
        var old = RandomBlock(random);
        foreach (var xorInto in new[] { false, true })
        {
            var portable = (ulong[])old.Clone();
            PortableCompression.Compress(prev, reference, portable, xorInto, new ulong[Argon2Block.Words]);
            var vector256 = (ulong[])old.Clone();
            Vector256Compression.Compress(prev, reference, vector256, xorInto, new ulong[Argon2Block.Words]);
            Assert.Equal(portable, vector256);

            // The AVX-512 kernel keeps words in its own order: arrange the inputs, compress, read back in Argon2's order.
            var vector512 = Arrange(old);
            Vector512Compression.Compress(Arrange(prev), Arrange(reference), vector512, xorInto);
            Assert.Equal(portable, Enumerable.Range(0, Argon2Block.Words).Select(word => vector512[Vector512Compression.Positions[word]]));
        }
    }

    [Fact]
    public void Concurrent_hashes_sharing_a_smaller_pool_all_match_libsodium()
    {
        var password = "shared pool"u8.ToArray();
        var oracle = LibsodiumHash(password, 256, 2);
        Assert.True(Argon2idHashString.TryParse(oracle, out var stored));
        var managed = new ManagedArgon2id(new Argon2Memory(1), Argon2Kernels.Fastest);

        var results = new bool[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, index => results[index] = managed.Verify(stored, password));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Memory_is_reused_between_hashes_of_different_sizes_without_changing_results()
    {
        var memory = new Argon2Memory(1);
        var managed = new ManagedArgon2id(memory, Argon2Kernels.Fastest);
        var password = "reused memory"u8.ToArray();
        foreach (var (memoryKiB, iterations) in new[] { (64, 3), (32, 1), (128, 2), (64, 3) })
        {
            Assert.True(Argon2idHashString.TryParse(LibsodiumHash(password, memoryKiB, iterations), out var stored));
            Assert.True(managed.Verify(stored, password));
        }
    }

    [Theory]
    [InlineData("$argon2id$v=19$m=9216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", true)]
    [InlineData("$argon2id$v=16$m=9216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$m=9216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=4,p=2$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=09216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=+4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$t=4,m=9216,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdB$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=4,p=1$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA", false)]
    [InlineData("$argon2id$v=19$m=4,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=4,p=1$c2FsdHNhbHRz YWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    [InlineData("$argon2id$v=19$m=9216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g$", false)]
    [InlineData("$argon2i$v=19$m=9216,t=4,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g", false)]
    public void Only_the_canonical_one_lane_v13_form_is_read_the_rest_is_left_to_libsodium(string text, bool managed)
    {
        Assert.Equal(managed, Argon2idHashString.TryParse(text, out _));
    }

    [Fact]
    public void The_hasher_with_the_managed_code_and_libsodium_read_each_others_hashes()
    {
        var user = new ResearchUser();
        const string Password = "a long enough passphrase ✓";
        var options = new PasswordHashingOptions { MemoryKiB = 7_168, Iterations = 5 };
        var managed = new Argon2PasswordHasher(Options.Create(options), Argon2Kernel.Portable);
        var libsodium = new Argon2PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = 7_168, Iterations = 5, UseManagedArgon2id = false }));

        var fromManaged = managed.HashPassword(user, Password);
        var fromLibsodium = libsodium.HashPassword(user, Password);

        Assert.True(Sodium.VerifyHash(fromManaged, Encoding.UTF8.GetBytes(Password)));
        Assert.Equal(PasswordVerificationResult.Success, libsodium.VerifyHashedPassword(user, fromManaged, Password));
        Assert.Equal(PasswordVerificationResult.Success, managed.VerifyHashedPassword(user, fromLibsodium, Password));
        Assert.Equal(PasswordVerificationResult.Failed, managed.VerifyHashedPassword(user, fromLibsodium, Password + "x"));
    }

    [Fact]
    public void Costs_above_the_managed_limit_are_hashed_and_verified_by_libsodium_in_the_same_format()
    {
        var user = new ResearchUser();
        const string Password = "a long enough passphrase";
        var options = Options.Create(new PasswordHashingOptions { MemoryKiB = 7_168, Iterations = 5, ManagedMaxMemoryKiB = 4_096 });
        var hasher = new Argon2PasswordHasher(options);

        var hash = hasher.HashPassword(user, Password);

        Assert.StartsWith("$argon2id$v=19$m=7168,t=5,p=1$", hash, StringComparison.Ordinal);
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, hash, Password));
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(user, hash, "wrong"));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(2_000_000)]
    public void A_managed_memory_limit_outside_argon2s_range_refuses_to_start(int managedMaxMemoryKiB)
    {
        var result = new PasswordHashingOptionsValidator().Validate(null, new PasswordHashingOptions { ManagedMaxMemoryKiB = managedMaxMemoryKiB });

        Assert.True(result.Failed);
        Assert.Contains("ManagedMaxMemoryKiB", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_options_pass_validation_with_the_managed_code_on()
    {
        var defaults = new PasswordHashingOptions();

        Assert.True(defaults.UseManagedArgon2id);
        Assert.True(new PasswordHashingOptionsValidator().Validate(null, defaults).Succeeded);
    }

    private static string LibsodiumHash(byte[] password, int memoryKiB, int iterations)
    {
        var hash = new char[Sodium.HashSize];
        Sodium.ComputeHash(hash, password, iterations, memoryKiB * BytesPerKiB);
        return new string(hash.AsSpan().TrimEnd('\0'));
    }

    /// <summary>Empty, short ASCII, long, non-ASCII UTF-8 and raw bytes, in turn.</summary>
    private static byte[] RandomPassword(Random random, int round)
    {
        const int Kinds = 5;
        switch (round % Kinds)
        {
            case 0:
                return [];
            case 1:
                return Encoding.UTF8.GetBytes(new string([.. Enumerable.Range(0, random.Next(1, 40)).Select(_ => (char)random.Next(' ', '~'))]));
            case 2:
                var longPassword = new byte[random.Next(200, 5_000)];
                random.NextBytes(longPassword);
                return longPassword;
            case 3:
                string[] pieces = ["пароль", "密码", "🔑", "é", "ß", "パスワード", " "];
                return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)])));
            default:
                var bytes = new byte[random.Next(1, 64)];
                random.NextBytes(bytes);
                return bytes;
        }
    }

    private static ulong[] RandomBlock(Random random) =>
        [.. Enumerable.Range(0, Argon2Block.Words).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 33))];

    private static ulong[] Arrange(ulong[] natural)
    {
        var arranged = new ulong[Argon2Block.Words];
        for (var word = 0; word < Argon2Block.Words; word++)
        {
            arranged[Vector512Compression.Positions[word]] = natural[word];
        }

        return arranged;
    }
}
