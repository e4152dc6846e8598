using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace MarketResearch.Bench;

/// <summary>
/// What the queue costs per job, independent of how busy the machine is: database commits (each queue statement is its
/// own transaction), CPU time of the two workers and of the Postgres server processes.
/// </summary>
internal sealed class QueueCost
{
    // Postgres publishes a backend's transaction counts at most once a second: wait that long before reading them.
    private static readonly TimeSpan StatisticsDelay = TimeSpan.FromSeconds(1.5);

    private readonly long _commits;
    private readonly TimeSpan _workerCpu;
    private readonly TimeSpan _postgresCpu;

    private QueueCost(long commits, TimeSpan workerCpu, TimeSpan postgresCpu)
    {
        _commits = commits;
        _workerCpu = workerCpu;
        _postgresCpu = postgresCpu;
    }

    public static async Task<QueueCost> StartAsync(NpgsqlConnection connection, IReadOnlyList<WorkerProcess> workers)
    {
        await Task.Delay(StatisticsDelay);
        return new QueueCost(await CommitsAsync(connection), WorkerCpu(workers), PostgresCpu(await PostmasterAsync(connection)));
    }

    /// <param name="benchQueries">The bench's own progress queries in the round (one commit each), taken off the count.</param>
    /// <param name="killed">Workers were killed in the round: their CPU time and their backends' went with them, so CPU is not reported.</param>
    public async Task<string> StopAsync(NpgsqlConnection connection, IReadOnlyList<WorkerProcess> workers, int jobs, int benchQueries, bool killed)
    {
        var workerCpu = WorkerCpu(workers) - _workerCpu;
        var postgresCpu = PostgresCpu(await PostmasterAsync(connection)) - _postgresCpu;
        await Task.Delay(StatisticsDelay);
        // The enqueue statement, the final count and this round's own reads are a handful more.
        var commits = await CommitsAsync(connection) - _commits - benchQueries;
        var commitsPerJob = string.Create(CultureInfo.InvariantCulture,
            $"{commits / (double)jobs:0.000} database commits per job ({commits} in all: queue statements, heartbeats, maintenance)");
        return killed
            ? commitsPerJob
            : string.Create(CultureInfo.InvariantCulture,
                $"{commitsPerJob}; CPU per job: workers {workerCpu.TotalMicroseconds / jobs:0} µs, postgres {postgresCpu.TotalMicroseconds / jobs:0} µs");
    }

    /// <summary>The bench's own postmaster (other stacks may run on the machine): the parent of the backend serving the bench.</summary>
    private static async Task<int> PostmasterAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT pg_backend_pid()", connection);
        var backend = (int)(await command.ExecuteScalarAsync())!;
        var stat = await File.ReadAllTextAsync($"/proc/{backend.ToString(CultureInfo.InvariantCulture)}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
    }

    public static string LoadAverage()
    {
        var fields = File.ReadAllText("/proc/loadavg").Split(' ');
        return $"{fields[0]} {fields[1]} {fields[2]}";
    }

    private static async Task<long> CommitsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static TimeSpan WorkerCpu(IReadOnlyList<WorkerProcess> workers) =>
        workers.Aggregate(TimeSpan.Zero, (sum, worker) => sum + worker.ProcessorTime);

    /// <summary>
    /// The postmaster and its children (the backends), read from /proc: a backend's retitled command line hides its name
    /// from Process. Pooled connections live through a round, so their time is counted; /proc counts in ticks of 10 ms.
    /// </summary>
    private static TimeSpan PostgresCpu(int postmaster)
    {
        const double TicksPerSecond = 100;
        var processes = new List<(int Pid, int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // "pid (comm) state ppid ...": after the comm, ppid is the 2nd field, utime and stime the 12th and 13th.
                var close = stat.LastIndexOf(')');
                if (stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close] != "postgres")
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                processes.Add((pid, int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
                // The process exited while we read it.
            }
        }

        var ticks = processes.Where(process => process.Pid == postmaster || process.Parent == postmaster).Sum(process => process.Ticks);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
