using MarketResearch.Api.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.UnitTests.Identity;

public sealed class PasswordHashingGateTests
{
    [Fact]
    public async Task No_more_hashes_run_at_once_than_the_gate_allows_and_every_one_runs()
    {
        using var gate = new PasswordHashingGate(Options.Create(new PasswordHashingOptions { MaxConcurrentHashes = 2 }));
        var running = 0;
        var most = 0;

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(index => Task.Run(() => gate.RunAsync(HashPurposes.SignIn, async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(TimeSpan.FromMilliseconds(20));
            Interlocked.Decrement(ref running);
            return index;
        }, CancellationToken.None))));

        Assert.Equal(2, gate.Capacity);
        Assert.Equal(2, most);
        Assert.Equal(Enumerable.Range(0, 12), results.Order());
    }

    [Fact]
    public void Zero_means_one_hash_per_core()
    {
        using var gate = new PasswordHashingGate(Options.Create(new PasswordHashingOptions()));

        Assert.Equal(Environment.ProcessorCount, gate.Capacity);
    }

    [Fact]
    public async Task A_failing_hash_frees_its_slot()
    {
        using var gate = new PasswordHashingGate(Options.Create(new PasswordHashingOptions { MaxConcurrentHashes = 1 }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<int>(HashPurposes.SignIn, () => throw new InvalidOperationException("broken"), CancellationToken.None));

        Assert.Equal(7, await gate.RunAsync(HashPurposes.SignIn, () => Task.FromResult(7), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_sign_in_given_up_while_queued_does_not_hash()
    {
        using var gate = new PasswordHashingGate(Options.Create(new PasswordHashingOptions { MaxConcurrentHashes = 1 }));
        var release = new TaskCompletionSource<int>();
        var holding = gate.RunAsync(HashPurposes.SignIn, () => release.Task, CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        var hashed = false;

        var queued = gate.RunAsync(HashPurposes.SignIn, () => Task.FromResult(hashed = true), cancelled.Token);
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        release.SetResult(1);
        Assert.Equal(1, await holding);
        Assert.False(hashed);
    }

    [Fact]
    public async Task Hashes_run_on_the_gates_own_threads_at_the_lowered_priority()
    {
        using var gate = new PasswordHashingGate(Options.Create(new PasswordHashingOptions { MaxConcurrentHashes = 2, HashingNiceness = 7 }));

        var (onPool, niceness) = await gate.RunAsync(HashPurposes.SignIn, () => Task.FromResult((Thread.CurrentThread.IsThreadPoolThread, NicenessOfCurrentThread())), CancellationToken.None);

        Assert.False(onPool, "a hash must not hold a thread-pool thread");
        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(2, gate.LoweredThreads);
            Assert.Equal(7, niceness);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(20)]
    public void A_niceness_outside_linuxs_range_refuses_to_start(int niceness)
    {
        var result = new PasswordHashingOptionsValidator().Validate(null, new PasswordHashingOptions { HashingNiceness = niceness });

        Assert.True(result.Failed);
        Assert.Contains("HashingNiceness", result.FailureMessage, StringComparison.Ordinal);
    }

    /// <summary>The scheduler's own view: field 19 of /proc/thread-self/stat (after the parenthesised name).</summary>
    private static int? NicenessOfCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(257)]
    public void A_negative_or_absurd_bound_refuses_to_start(int maxConcurrentHashes)
    {
        var result = new PasswordHashingOptionsValidator().Validate(null, new PasswordHashingOptions { MaxConcurrentHashes = maxConcurrentHashes });

        Assert.True(result.Failed);
        Assert.Contains("MaxConcurrentHashes", result.FailureMessage, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
