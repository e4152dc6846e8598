using System.Runtime.InteropServices;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Identity.Argon2;
using MarketResearch.Domain.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Bench;

/// <summary>
/// One Argon2id verification at each of OWASP's rows, libsodium against the managed code the API uses: CPU time of the
/// calling thread split into user and system (libsodium maps and unmaps each hash's memory; the kernel's share of that is
/// system time) and minor page faults, the fastest of a few interleaved rounds, so machine load matters less.
/// </summary>
internal static class Argon2Benchmarks
{
    private const string Password = "benchmark passphrase that is long";
    private const int WarmUpCalls = 5;
    private const int Calls = 20;
    private const int Rounds = 3;

    public static void Run()
    {
        Console.WriteLine($"load average before: {BenchStack.LoadAverage()}");
        PrintRows();
        Console.WriteLine($"load average after: {BenchStack.LoadAverage()}");
    }

    public static void PrintRows()
    {
        var user = new ResearchUser { Email = "bench@example.test", DisplayName = "Bench" };
        var defaults = new PasswordHashingOptions();
        foreach (var row in Argon2Cost.OwaspMinimums)
        {
            var libsodium = new Argon2PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = row.MemoryKiB, Iterations = row.Iterations, UseManagedArgon2id = false }));
            var managed = new Argon2PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = row.MemoryKiB, Iterations = row.Iterations }));
            var hash = libsodium.HashPassword(user, Password);
            void VerifyWithLibsodium() => libsodium.VerifyHashedPassword(user, hash, Password);
            void VerifyManaged() => managed.VerifyHashedPassword(user, hash, Password);

            var fromLibsodium = ThreadCost.Worst;
            var fromManaged = ThreadCost.Worst;
            ThreadCost.Of(VerifyWithLibsodium, WarmUpCalls);
            ThreadCost.Of(VerifyManaged, WarmUpCalls);
            for (var round = 0; round < Rounds; round++)
            {
                fromLibsodium = ThreadCost.Cheaper(fromLibsodium, ThreadCost.Of(VerifyWithLibsodium, Calls));
                fromManaged = ThreadCost.Cheaper(fromManaged, ThreadCost.Of(VerifyManaged, Calls));
            }

            var isDefault = row.MemoryKiB == defaults.MemoryKiB && row.Iterations == defaults.Iterations;
            var saving = 1 - (fromManaged.TotalMs / fromLibsodium.TotalMs);
            Console.WriteLine($"one verification, Argon2id {hash.Split('$')[3]}{(isDefault ? " (default)" : string.Empty)}: libsodium {fromLibsodium}; "
                + $"managed ({Argon2Kernels.Preferred?.ToString() ?? "not used without AVX-512, libsodium again"}) {fromManaged}; managed saves {saving:P0} of the CPU");
            if (isDefault && Argon2Kernels.IsSupported(Argon2Kernel.Vector256))
            {
                // For CPUs without AVX-512, where the API keeps libsodium: what the AVX2 kernel would cost.
                var avx2 = new Argon2PasswordHasher(Options.Create(new PasswordHashingOptions { MemoryKiB = row.MemoryKiB, Iterations = row.Iterations }), Argon2Kernel.Vector256);
                ThreadCost.Of(() => avx2.VerifyHashedPassword(user, hash, Password), WarmUpCalls);
                Console.WriteLine($"  the same with the managed AVX2 kernel (Vector256): {ThreadCost.Of(() => avx2.VerifyHashedPassword(user, hash, Password), Calls)}");
            }
        }
    }

    /// <summary>Per call: user and system CPU of this thread (getrusage RUSAGE_THREAD) and its minor page faults.</summary>
    private readonly record struct ThreadCost(double UserMs, double SystemMs, double MinorFaults)
    {
        private const int ThreadUsage = 1; // RUSAGE_THREAD
        private const int UsageFields = 18; // struct rusage on 64-bit Linux: two timevals, then 14 longs
        private const int MinorFaultsField = 8;
        private const double MicrosecondsPerMs = 1000;

        public static ThreadCost Worst => new(double.MaxValue, 0, 0);

        public double TotalMs => UserMs + SystemMs;

        public static ThreadCost Of(Action call, int calls)
        {
            var before = Read();
            for (var index = 0; index < calls; index++)
            {
                call();
            }

            var after = Read();
            return new((after.UserMs - before.UserMs) / calls, (after.SystemMs - before.SystemMs) / calls, (after.MinorFaults - before.MinorFaults) / calls);
        }

        public static ThreadCost Cheaper(ThreadCost first, ThreadCost second) => first.TotalMs <= second.TotalMs ? first : second;

        public override string ToString() => $"{UserMs:0.0} ms user + {SystemMs:0.0} ms sys = {TotalMs:0.0} ms CPU, {MinorFaults:0} page faults";

        private static ThreadCost Read()
        {
            var usage = new long[UsageFields];
            if (GetResourceUsage(ThreadUsage, usage) != 0)
            {
                throw new InvalidOperationException("getrusage(RUSAGE_THREAD) failed.");
            }

            return new(((usage[0] * MicrosecondsPerMs * MicrosecondsPerMs) + usage[1]) / MicrosecondsPerMs,
                ((usage[2] * MicrosecondsPerMs * MicrosecondsPerMs) + usage[3]) / MicrosecondsPerMs, usage[MinorFaultsField]);
        }

        [DllImport("libc", EntryPoint = "getrusage")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int GetResourceUsage(int who, [Out] long[] usage);
    }
}
