using MarketResearch.Api.Identity.Argon2;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>Argon2id cost of new password hashes (Auth:PasswordHashing); see docs/security.md for the choice.</summary>
public sealed class PasswordHashingOptions
{
    public const string Section = "Auth:PasswordHashing";

    /// <summary>Memory per hash in KiB (Argon2's m); OWASP's equivalent rows are 47104/1, 19456/2, 12288/3, 9216/4, 7168/5.</summary>
    public int MemoryKiB { get; set; } = 9_216;

    /// <summary>Passes over the memory (Argon2's t).</summary>
    public int Iterations { get; set; } = 4;

    /// <summary>Hashes computed at once by one API process; 0 means one per core (see <see cref="PasswordHashingGate"/>).</summary>
    public int MaxConcurrentHashes { get; set; }

    /// <summary>
    /// Linux nice value of the hashing threads (0–19; 0 keeps normal priority). At 10 a busy core gives the other
    /// work of the API about nine times the share it gives a hash; see <see cref="PasswordHashingGate"/>. Off by
    /// default: on our two-core bench it did not make other requests measurably faster during a sign-in flood, and
    /// the sign-ins' own tail grew in some runs (BENCHMARKS.md).
    /// </summary>
    public int HashingNiceness { get; set; }

    /// <summary>
    /// Hash and verify one-lane Argon2id with the managed code in Identity/Argon2, whose block memory is reused from one
    /// hash to the next (libsodium maps and unmaps it per hash: a fifth of a hash's CPU went to the kernel). Hashes it does
    /// not handle (other lanes or versions, more memory than <see cref="ManagedMaxMemoryKiB"/>) go to libsodium either way.
    /// </summary>
    public bool UseManagedArgon2id { get; set; } = true;

    /// <summary>
    /// Most memory per hash (KiB) the managed code takes on; each hashing thread keeps one buffer of the largest size it
    /// has used. The default is OWASP's largest row (46 MiB, t=1), so every row the validation allows by default qualifies.
    /// </summary>
    public int ManagedMaxMemoryKiB { get; set; } = 47_104;

    /// <summary>Threads that hash at once: <see cref="MaxConcurrentHashes"/>, or one per core when it is 0.</summary>
    public int HashingThreads => MaxConcurrentHashes > 0 ? MaxConcurrentHashes : Environment.ProcessorCount;
}

/// <summary>One row of OWASP's Password Storage Cheat Sheet for Argon2id (one lane): memory and passes of equal strength.</summary>
public readonly record struct Argon2Cost(int MemoryKiB, int Iterations)
{
    /// <summary>OWASP's recommended minimum settings, all equivalent; a cost is acceptable if it is at least one of them in both memory and passes.</summary>
    public static readonly IReadOnlyList<Argon2Cost> OwaspMinimums =
    [
        new(47_104, 1),
        new(19_456, 2),
        new(12_288, 3),
        new(9_216, 4),
        new(7_168, 5),
    ];

    /// <summary>True when this cost is no weaker than some OWASP row: at least its memory and at least its passes.</summary>
    public bool MeetsOwaspMinimum
    {
        get
        {
            var cost = this;
            return OwaspMinimums.Any(row => cost.MemoryKiB >= row.MemoryKiB && cost.Iterations >= row.Iterations);
        }
    }

    public override string ToString() => $"m={MemoryKiB} KiB, t={Iterations}, p=1";
}

/// <summary>Refuses at start-up any Argon2id cost weaker than every row of OWASP's Password Storage Cheat Sheet table.</summary>
internal sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    /// <summary>Beyond this one hash would hold a worker thread and a gigabyte of memory.</summary>
    public const int MaxMemoryKiB = 1_048_576;

    public const int MaxIterations = 16;

    /// <summary>More concurrent hashes than this is no bound at all (each holds a thread and MemoryKiB of memory).</summary>
    public const int MaxConcurrentHashesLimit = 256;

    /// <summary>Linux's lowest priority.</summary>
    public const int MaxNiceness = 19;

    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options)
    {
        var failures = new List<string>();
        if (options.MemoryKiB is < 1 or > MaxMemoryKiB)
        {
            failures.Add($"{PasswordHashingOptions.Section}:MemoryKiB must be between 1 and {MaxMemoryKiB}.");
        }

        if (options.Iterations is < 1 or > MaxIterations)
        {
            failures.Add($"{PasswordHashingOptions.Section}:Iterations must be between 1 and {MaxIterations}.");
        }

        if (options.MaxConcurrentHashes is < 0 or > MaxConcurrentHashesLimit)
        {
            failures.Add($"{PasswordHashingOptions.Section}:MaxConcurrentHashes must be between 0 (one per core) and {MaxConcurrentHashesLimit}.");
        }

        if (options.HashingNiceness is < 0 or > MaxNiceness)
        {
            failures.Add($"{PasswordHashingOptions.Section}:HashingNiceness must be between 0 (normal priority) and {MaxNiceness} (the lowest).");
        }

        if (options.ManagedMaxMemoryKiB is < ManagedArgon2id.MinMemoryKiB or > MaxMemoryKiB)
        {
            failures.Add($"{PasswordHashingOptions.Section}:ManagedMaxMemoryKiB must be between {ManagedArgon2id.MinMemoryKiB} and {MaxMemoryKiB}.");
        }

        // Memory × passes alone is not enough: 36 MiB × 1 pass has the product of a row but is weaker than 46 MiB × 1.
        if (!new Argon2Cost(options.MemoryKiB, options.Iterations).MeetsOwaspMinimum)
        {
            failures.Add($"{PasswordHashingOptions.Section}: MemoryKiB {options.MemoryKiB} with Iterations {options.Iterations} is weaker than every OWASP "
                + $"Argon2id minimum ({string.Join("; ", Argon2Cost.OwaspMinimums)}); use at least one row's memory and passes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
