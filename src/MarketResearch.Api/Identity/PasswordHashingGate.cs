using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>
/// Runs password hashes on a few dedicated threads, in arrival order, at most one per core. An Argon2id verification
/// is ≈ 10 ms of CPU: with more at once than there are cores they only slow each other down, and on thread-pool threads
/// they starve the pool that serves the database and Redis replies. The threads also run at a lower scheduling
/// priority (<see cref="PasswordHashingOptions.HashingNiceness"/>): when the cores are busy, the short steps around a
/// hash (user lookup, rate-limit check, session insert) and every other request run first, so a login's time is its
/// place in this queue rather than chance, and a flood of sign-ins cannot starve the rest of the API.
/// </summary>
public sealed class PasswordHashingGate : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly Thread[] _threads;
    private readonly int _niceness;
    private readonly Counter<long>? _hashes;
    private readonly Histogram<double>? _queueWait;
    private int _lowered;

    /// <param name="meters">Where the hashes and their queue wait are counted (the API's security meter); null in unit tests.</param>
    public PasswordHashingGate(IOptions<PasswordHashingOptions> options, IMeterFactory? meters = null)
    {
        if (meters is not null)
        {
            // The security meter, so operators see hashing load next to sign-in failures and lockouts.
            var meter = meters.Create(SecurityMetrics.MeterName);
            _hashes = meter.CreateCounter<long>("password_hashes", description: "Password hashes run by the gate, by purpose.");
            _queueWait = meter.CreateHistogram<double>(
                "password_hash.queue_wait", unit: "s", description: "Time a password hash waited for a free hashing thread.");
        }

        Capacity = options.Value.HashingThreads;
        _niceness = options.Value.HashingNiceness;
        _threads = new Thread[Capacity];
        for (var index = 0; index < Capacity; index++)
        {
            _threads[index] = new Thread(Work) { IsBackground = true, Name = $"password-hash-{index}" };
            _threads[index].Start();
        }
    }

    /// <summary>Hashes allowed at once (the option, or the number of cores when it is 0).</summary>
    public int Capacity { get; }

    /// <summary>How many hashing threads run at the lowered priority (0 where the platform does not allow it).</summary>
    public int LoweredThreads => Volatile.Read(ref _lowered);

    /// <summary>
    /// Runs <paramref name="hash"/> on a hashing thread once one is free; the thread stays with it until its task
    /// completes (a rehash after sign-in also writes the new hash to the database).
    /// </summary>
    /// <param name="purpose">What the hash is for (<see cref="HashPurposes"/>), a tag of the metrics.</param>
    public Task<T> RunAsync<T>(string purpose, Func<Task<T>> hash, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var queued = Stopwatch.GetTimestamp();
        // A sign-in given up while queued answers at once and is skipped when its turn comes.
        var giveUp = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        _queue.Add(() =>
        {
            giveUp.Dispose();
            if (done.Task.IsCompleted)
            {
                return;
            }

            var tag = new KeyValuePair<string, object?>("purpose", purpose);
            _queueWait?.Record(Stopwatch.GetElapsedTime(queued).TotalSeconds, tag);
            _hashes?.Add(1, tag);
            try
            {
                done.TrySetResult(hash().GetAwaiter().GetResult());
            }
            catch (Exception exception)
            {
                done.TrySetException(exception);
            }
        }, CancellationToken.None); // Unbounded: adding never waits, and a given-up sign-in is skipped at its turn.
        return done.Task;
    }

    private void Work()
    {
        if (_niceness > 0 && ThreadNiceness.TryLowerCurrentThread(_niceness))
        {
            Interlocked.Increment(ref _lowered);
        }

        foreach (var work in _queue.GetConsumingEnumerable())
        {
            work();
        }
    }

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }

        _queue.Dispose();
    }
}

/// <summary>Why a password is hashed: the purpose tag of the gate's metrics.</summary>
public static class HashPurposes
{
    public const string SignIn = "sign_in";
    public const string Register = "register";
    public const string PasswordChange = "password_change";
}
