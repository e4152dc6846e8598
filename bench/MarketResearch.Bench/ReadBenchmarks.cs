using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.Testing;
using Npgsql;

namespace MarketResearch.Bench;

/// <summary>
/// Deliverable 8's bar: p95 ≤ 50 ms for a page of personas in a project of 10,000. One real panel of 1,000 is generated
/// (real profiles), then copied nine times in SQL as nine more panels; pages are walked cold (cache misses) and warm.
/// </summary>
internal static class ReadBenchmarks
{
    private const int PanelSize = 1000;
    private const int ExtraPanels = 9;
    private const int PageSize = 50;

    public static async Task RunAsync(BenchStack stack)
    {
        using var user = await BenchUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync(new
        {
            name = "Bench 10k",
            audience = new { distributions = new Dictionary<string, Dictionary<string, double>> { ["age"] = new() { ["18-34"] = 0.4, ["35-54"] = 0.35, ["55+"] = 0.25 } } },
        });
        var accepted = await (await user.Api.PostAsJsonAsync($"/api/v1/projects/{projectId}/personas/generate", new { count = PanelSize, seed = 1, adversarial = true }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var job = await user.WaitForJobAsync(accepted.GetProperty("jobId").GetGuid());
        Console.WriteLine($"generated one panel of {PanelSize}: {job.GetProperty("status").GetString()}");

        var copy = Stopwatch.StartNew();
        var total = await CopyPanelsAsync(stack, projectId, job.GetProperty("id").GetGuid());
        Console.WriteLine($"copied {ExtraPanels} more panels in SQL: {total} personas in the project ({copy.Elapsed.TotalSeconds:0.0} s)");

        await ExplainDeepPageAsync(stack, projectId);

        foreach (var (label, query) in new[]
        {
            ("no filter", string.Empty),
            ("gender=female", "&gender=female"),
            ("minOpenness=0.7&location=rural", "&minOpenness=0.7&location=rural"),
            ("archetype=contrarian (10% of rows)", "&archetype=contrarian"),
        })
        {
            // A project change invalidates the project's cache: the first walk is cold, the second warm.
            (await user.Api.PutAsJsonAsync($"/api/v1/projects/{projectId}", new { name = "Bench 10k" })).EnsureSuccessStatusCode();
            var (cold, pages, rows) = await WalkAsync(user.Api, projectId, query);
            var (warm, _, _) = await WalkAsync(user.Api, projectId, query);
            Console.WriteLine($"GET personas?limit={PageSize} {label}, walk of {pages} pages ({rows} rows): cold {cold.Describe()} (load average {BenchStack.LoadAverage()})");
            Console.WriteLine($"GET personas?limit={PageSize} {label}, same walk warm: {warm.Describe()}");
        }

        (await user.Api.PutAsJsonAsync($"/api/v1/projects/{projectId}", new { name = "Bench 10k" })).EnsureSuccessStatusCode();
        var quality = Stopwatch.StartNew();
        (await user.Api.GetAsync($"/api/v1/projects/{projectId}/personas/quality")).EnsureSuccessStatusCode();
        Console.WriteLine($"GET personas/quality, panel of {PanelSize}, cold (fit, trait spread, 499,500 story pairs): {quality.Elapsed.TotalMilliseconds:0} ms");
        var warmQuality = new List<TimeSpan>();
        for (var round = 0; round < 200; round++)
        {
            var started = Stopwatch.GetTimestamp();
            (await user.Api.GetAsync($"/api/v1/projects/{projectId}/personas/quality")).EnsureSuccessStatusCode();
            warmQuality.Add(Stopwatch.GetElapsedTime(started));
        }

        Console.WriteLine($"GET personas/quality warm: {new Latencies(warmQuality).Describe()}");
    }

    private static async Task<(Latencies Latencies, int Pages, int Rows)> WalkAsync(HttpClient api, Guid projectId, string query)
    {
        var samples = new List<TimeSpan>();
        var rows = 0;
        string? cursor = null;
        do
        {
            var url = $"/api/v1/projects/{projectId}/personas?limit={PageSize}{query}" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var started = Stopwatch.GetTimestamp();
            using var response = await api.GetAsync(url);
            var page = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
            samples.Add(Stopwatch.GetElapsedTime(started));
            rows += page.GetProperty("items").GetArrayLength();
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return (new Latencies(samples), samples.Count, rows);
    }

    /// <summary>
    /// Server-side plan and time (independent of the client and mostly of the load) of the page in the middle of the
    /// 10,000: the list's query (row-value cursor, headline only) against the previous one (OR cursor, whole rows).
    /// </summary>
    private static async Task ExplainDeepPageAsync(BenchStack stack, Guid projectId)
    {
        await using var connection = new NpgsqlConnection(await stack.App.GetConnectionStringAsync("marketresearch"));
        await connection.OpenAsync();
        await using var middle = new NpgsqlCommand(
            "SELECT created_at, id FROM personas WHERE project_id = @project ORDER BY created_at DESC, id DESC OFFSET 5000 LIMIT 1", connection);
        middle.Parameters.AddWithValue("project", projectId);
        DateTime time;
        Guid id;
        await using (var reader = await middle.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (time, id) = (reader.GetDateTime(0), reader.GetGuid(1));
        }

        foreach (var (label, sql) in new[]
        {
            ("now: row-value cursor, list columns + headline", """
                SELECT id, project_id, job_id, name, locale, demographics, traits, archetype, profile ->> 'headline', generated_by, created_at
                FROM personas WHERE project_id = @project AND (created_at, id) < (@time, @id) ORDER BY created_at DESC, id DESC LIMIT 51
                """),
            ("before: OR cursor, whole rows", """
                SELECT * FROM personas WHERE project_id = @project AND (created_at < @time OR (created_at = @time AND id < @id))
                ORDER BY created_at DESC, id DESC LIMIT 51
                """),
        })
        {
            await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS) {sql}", connection);
            explain.Parameters.AddWithValue("project", projectId);
            explain.Parameters.AddWithValue("time", time);
            explain.Parameters.AddWithValue("id", id);
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(0));
                }
            }

            Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS), page after row 5,000 of 10,000, {label}:");
            foreach (var line in plan)
            {
                Console.WriteLine($"    {line}");
            }
        }
    }

    /// <summary>Nine copies of the panel as nine earlier jobs, one statement each: bulk rows without nine generations.</summary>
    private static async Task<long> CopyPanelsAsync(BenchStack stack, Guid projectId, Guid jobId)
    {
        await using var connection = new NpgsqlConnection(await stack.App.GetConnectionStringAsync("marketresearch"));
        await connection.OpenAsync();
        for (var panel = 1; panel <= ExtraPanels; panel++)
        {
            await using var command = new NpgsqlCommand("""
                WITH job AS (
                    INSERT INTO jobs (id, project_id, created_by, type, payload, status, priority, attempts, max_attempts, run_after,
                                      cancel_requested, progress, result, created_at, started_at, finished_at)
                    SELECT gen_random_uuid(), project_id, created_by, type, payload, status, priority, attempts, max_attempts, run_after,
                           cancel_requested, progress, result, created_at - @age, started_at - @age, finished_at - @age
                    FROM jobs WHERE id = @job
                    RETURNING id)
                INSERT INTO personas (id, project_id, job_id, slot, name, gender, locale, demographics, traits, archetype, seed, profile, generated_by, created_at)
                SELECT gen_random_uuid(), p.project_id, job.id, p.slot, p.name, p.gender, p.locale, p.demographics, p.traits, p.archetype, p.seed + @panel,
                       p.profile, p.generated_by, p.created_at - @age
                FROM personas p CROSS JOIN job WHERE p.job_id = @job
                """, connection);
            command.Parameters.AddWithValue("job", jobId);
            command.Parameters.AddWithValue("age", TimeSpan.FromMinutes(panel));
            command.Parameters.AddWithValue("panel", (long)panel);
            await command.ExecuteNonQueryAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE personas", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM personas WHERE project_id = @project", connection);
        count.Parameters.AddWithValue("project", projectId);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
