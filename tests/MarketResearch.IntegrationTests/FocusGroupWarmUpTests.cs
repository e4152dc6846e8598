using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// A worker's start-up rehearsal of a focus group (FocusGroupRunWarmUp) runs to its end against the real Postgres and
/// writes nothing: not one tuple inserted, updated or deleted (not even rolled back) in the tables a run touches. A focus
/// group run right after it completes.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class FocusGroupWarmUpTests(LocalStackFixture stack)
{
    private const string Rehearsed = "Rehearsed a focus group at start";
    private static readonly string[] Tables = ["projects", "personas", "focus_groups", "focus_group_turns", "focus_group_insights", "graph_nodes", "graph_edges"];
    private static readonly TimeSpan StatsFlush = TimeSpan.FromSeconds(12);
    private readonly ConcurrentQueue<string> _workerLog = new();

    [Fact]
    public async Task A_new_worker_rehearses_a_focus_group_without_writing_and_a_group_runs_right_after()
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        var before = await TupleChangesAsync(connection);

        using var worker = StartExtraWorker(await stack.DatabaseConnectionStringAsync(), await stack.App.GetConnectionStringAsync("redis"));
        try
        {
            await WaitForLogAsync(Rehearsed, TimeSpan.FromMinutes(3));
            Assert.DoesNotContain(_workerLog, line => line.Contains("Rehearsing a focus group at start failed", StringComparison.Ordinal));
            Assert.Equal(before, await TupleChangesAsync(connection));

            using var user = await ApiUser.RegisterAsync(stack);
            var projectId = await user.CreateProjectAsync();
            var personaIds = await FocusGroupTests.PersonasAsync(user, projectId, 3);
            var groupId = await FocusGroupTests.CreateAsync(user, projectId, personaIds, ["Would you buy it?", "What would stop you?"], moderatorFollowUps: true);
            await FocusGroupTests.RunAsync(user, groupId);
            var group = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}");
            Assert.Equal("completed", group.GetProperty("status").GetString());
            Assert.True(await stack.CountAsync("SELECT count(*) FROM focus_group_turns WHERE focus_group_id = @id", groupId) >= personaIds.Count * 2);
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Tuples ever inserted, updated and deleted per table (aborted ones too), as Postgres counts them.</summary>
    private static async Task<string> TupleChangesAsync(NpgsqlConnection connection)
    {
        // An idle backend flushes its counters within 10 s (PGSTAT_IDLE_INTERVAL); a fresh snapshot after that.
        await Task.Delay(StatsFlush);
        await using var command = new NpgsqlCommand("""
            SELECT pg_stat_clear_snapshot();
            SELECT string_agg(format('%s=%s/%s/%s', relname, n_tup_ins, n_tup_upd, n_tup_del), ' ' ORDER BY relname)
            FROM pg_stat_user_tables WHERE relname = ANY(@tables)
            """, connection);
        command.Parameters.AddWithValue("tables", Tables);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return reader.GetString(0);
    }

    private async Task WaitForLogAsync(string text, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!_workerLog.Any(line => line.Contains(text, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The worker did not log \"{text}\". Its log ends:\n" + string.Join("\n", _workerLog.TakeLast(30)));
            }

            await Task.Delay(100);
        }
    }

    private Process StartExtraWorker(string database, string? redis)
    {
        var appHostPath = Projects.MarketResearch_AppHost.ProjectPath;
        var appHostDirectory = appHostPath.EndsWith(".csproj", StringComparison.Ordinal) ? Path.GetDirectoryName(appHostPath)! : appHostPath;
        var outputDirectory = Path.GetFileName(Path.GetDirectoryName(typeof(FocusGroupWarmUpTests).Assembly.Location)!);
        var configuration = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(typeof(FocusGroupWarmUpTests).Assembly.Location))!);
        var worker = Path.GetFullPath(Path.Combine(appHostDirectory, "..", "MarketResearch.Worker", "bin", configuration, outputDirectory, "MarketResearch.Worker.dll"));
        var start = new ProcessStartInfo("dotnet", [worker]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ConnectionStrings__marketresearch"] = database;
        start.Environment["ConnectionStrings__redis"] = redis;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["Jobs__LeaseDuration"] = LocalStackFixture.JobLease.ToString();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => _workerLog.Enqueue(line.Data ?? string.Empty);
        process.ErrorDataReceived += (_, line) => _workerLog.Enqueue(line.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
