using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>Argon2id cost of new password hashes (Auth:PasswordHashing); see docs/security.md for the choice.</summary>
public sealed class PasswordHashingOptions
{
    public const string Section = "Auth:PasswordHashing";

    /// <summary>Memory per hash in KiB; OWASP's equivalent rows are 47104/1, 19456/2, 12288/3, 9216/4, 7168/5.</summary>
    public int MemoryKiB { get; set; } = 19_456;

    /// <summary>Passes over the memory (Argon2's t).</summary>
    public int Iterations { get; set; } = 2;

    /// <summary>Hashes computed at once by one API process; 0 means one per core (see <see cref="PasswordHashingGate"/>).</summary>
    public int MaxConcurrentHashes { get; set; }
}

/// <summary>Refuses at start-up any Argon2id cost below OWASP's Password Storage Cheat Sheet table.</summary>
internal sealed class PasswordHashingOptionsValidator : IValidateOptions<PasswordHashingOptions>
{
    /// <summary>OWASP's smallest memory row (7 MiB with t=5).</summary>
    public const int MinMemoryKiB = 7_168;

    /// <summary>Memory × passes of OWASP's weakest equivalent row (7168 KiB × 5); every row of the table is at least this.</summary>
    public const long MinMemoryPasses = 35_840;

    /// <summary>Beyond this one hash would hold a worker thread and a gigabyte of memory.</summary>
    public const int MaxMemoryKiB = 1_048_576;

    public const int MaxIterations = 16;

    /// <summary>More concurrent hashes than this is no bound at all (each holds a thread and MemoryKiB of memory).</summary>
    public const int MaxConcurrentHashesLimit = 256;

    public ValidateOptionsResult Validate(string? name, PasswordHashingOptions options)
    {
        var failures = new List<string>();
        if (options.MemoryKiB is < MinMemoryKiB or > MaxMemoryKiB)
        {
            failures.Add($"{PasswordHashingOptions.Section}:MemoryKiB must be between {MinMemoryKiB} and {MaxMemoryKiB}.");
        }

        if (options.Iterations is < 1 or > MaxIterations)
        {
            failures.Add($"{PasswordHashingOptions.Section}:Iterations must be between 1 and {MaxIterations}.");
        }

        if (options.MaxConcurrentHashes is < 0 or > MaxConcurrentHashesLimit)
        {
            failures.Add($"{PasswordHashingOptions.Section}:MaxConcurrentHashes must be between 0 (one per core) and {MaxConcurrentHashesLimit}.");
        }

        if ((long)options.MemoryKiB * options.Iterations < MinMemoryPasses)
        {
            failures.Add($"{PasswordHashingOptions.Section}: MemoryKiB × Iterations must be at least {MinMemoryPasses} (OWASP's minimum Argon2id cost).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
