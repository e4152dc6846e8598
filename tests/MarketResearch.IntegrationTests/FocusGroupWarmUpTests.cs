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

    [Fact]
    public async Task A_new_worker_rehearses_a_focus_group_without_writing_and_a_group_runs_right_after()
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        var before = await TupleChangesAsync(connection);

        using var worker = await ExtraWorker.StartAsync(stack);
        await worker.WaitForLogAsync(Rehearsed, TimeSpan.FromMinutes(3));
        Assert.DoesNotContain(worker.Log, line => line.Contains("Rehearsing a focus group at start failed", StringComparison.Ordinal));
        // The transcript's, the insights' and the graph's inserts were sent, and Postgres refused each before touching a row.
        Assert.Contains(worker.Log, line => line.Contains(Rehearsed, StringComparison.Ordinal) && line.Contains("3 saves refused by a read-only transaction", StringComparison.Ordinal));
        Assert.Equal(before, await TupleChangesAsync(connection));
        // Then the rehearsals' garbage is collected once, before any job can be paused by it.
        await worker.WaitForLogAsync("Collected the garbage of 4 start-up rehearsals", TimeSpan.FromMinutes(1));

        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var personaIds = await FocusGroupTests.PersonasAsync(user, projectId, 3);
        var groupId = await FocusGroupTests.CreateAsync(user, projectId, personaIds, ["Would you buy it?", "What would stop you?"], moderatorFollowUps: true);
        await FocusGroupTests.RunAsync(user, groupId);
        var group = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}");
        Assert.Equal("completed", group.GetProperty("status").GetString());
        Assert.True(await stack.CountAsync("SELECT count(*) FROM focus_group_turns WHERE focus_group_id = @id", groupId) >= personaIds.Count * 2);
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
}
