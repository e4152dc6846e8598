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
        return new QueueCost(await CommitsAsync(connection), WorkerCpu(workers), PostgresCpu(Port(connection)));
    }

    /// <param name="benchQueries">The bench's own progress queries in the round (one commit each), taken off the count.</param>
    public async Task<string> StopAsync(NpgsqlConnection connection, IReadOnlyList<WorkerProcess> workers, int jobs, int benchQueries)
    {
        var workerCpu = WorkerCpu(workers) - _workerCpu;
        var postgresCpu = PostgresCpu(Port(connection)) - _postgresCpu;
        await Task.Delay(StatisticsDelay);
        // The enqueue statement, the final count and this round's own reads are a handful more.
        var commits = await CommitsAsync(connection) - _commits - benchQueries;
        return string.Create(CultureInfo.InvariantCulture,
            $"{commits / (double)jobs:0.000} database commits per job ({commits} in all, queue statements and maintenance); " +
            $"CPU per job: workers {workerCpu.TotalMicroseconds / jobs:0} µs, postgres {postgresCpu.TotalMicroseconds / jobs:0} µs (worker CPU only meaningful without kills: a killed worker's time is lost)");
    }

    private static int Port(NpgsqlConnection connection) => new NpgsqlConnectionStringBuilder(connection.ConnectionString).Port;

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
    /// The bench's own postmaster (found by its port: other stacks may run on the machine) and its children, read from
    /// /proc (a backend's retitled command line hides its name from Process). Pooled connections live through a round, so
    /// their time is counted; /proc counts in clock ticks of 10 ms.
    /// </summary>
    private static TimeSpan PostgresCpu(int port)
    {
        const double TicksPerSecond = 100;
        var processes = new List<(int Pid, int Parent, long Ticks, string CommandLine)>();
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
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                    File.ReadAllText(Path.Combine(directory, "cmdline"))));
            }
            catch (IOException)
            {
                // The process exited while we read it.
            }
        }

        var portArgument = $"\0-p\0{port.ToString(CultureInfo.InvariantCulture)}\0";
        var postmaster = processes.FirstOrDefault(process => process.CommandLine.Contains(portArgument, StringComparison.Ordinal)).Pid;
        var ticks = processes.Where(process => process.Pid == postmaster || process.Parent == postmaster).Sum(process => process.Ticks);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
