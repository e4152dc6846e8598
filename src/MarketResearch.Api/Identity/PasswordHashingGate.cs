using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>
/// Bounds how many password hashes run at once. An Argon2id verification is ≈ 23 ms of CPU on a blocked thread-pool
/// thread: with more at once than there are cores they only slow each other down (and starve the pool that serves
/// the database and Redis replies), so sign-ins queue here, in arrival order, and each hash runs at full speed.
/// </summary>
public sealed class PasswordHashingGate : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public PasswordHashingGate(IOptions<PasswordHashingOptions> options)
    {
        Capacity = options.Value.MaxConcurrentHashes > 0 ? options.Value.MaxConcurrentHashes : Environment.ProcessorCount;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    /// <summary>Hashes allowed at once (the option, or the number of cores when it is 0).</summary>
    public int Capacity { get; }

    /// <summary>Runs <paramref name="hash"/> once a slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> hash, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await hash();
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
