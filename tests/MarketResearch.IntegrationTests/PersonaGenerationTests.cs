using System.Text.Json;
using Npgsql;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class PersonaGenerationTests(LocalStackFixture stack)
{
    private static readonly object Audience = new
    {
        name = "Oat milk panel",
        locale = "pl",
        audience = new
        {
            description = "Young urban parents",
            distributions = new Dictionary<string, Dictionary<string, double>>
            {
                ["age"] = new() { ["25-34"] = 0.5, ["35-44"] = 0.3, ["45-54"] = 0.2 },
                ["location"] = new() { ["urban"] = 0.75, ["rural"] = 0.25 },
            },
        },
    };

    [Fact]
    public async Task Twenty_personas_are_saved_with_exact_quotas_profiles_and_a_fit_measured_on_the_saved_panel()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);

        var job = await GenerateAsync(user, projectId, new { count = 20, seed = 42 });

        var result = job.GetProperty("result");
        Assert.Equal(20, result.GetProperty("count").GetInt32());
        Assert.True(result.GetProperty("offline").GetBoolean());
        var personas = await ListAsync(user, projectId);
        Assert.Equal(20, personas.Count);
        Assert.Equal(10, personas.Count(persona => persona.GetProperty("demographics").GetProperty("age").GetString() == "25-34"));
        Assert.Equal(6, personas.Count(persona => persona.GetProperty("demographics").GetProperty("age").GetString() == "35-44"));
        Assert.Equal(15, personas.Count(persona => persona.GetProperty("demographics").GetProperty("location").GetString() == "urban"));
        Assert.All(personas, persona =>
        {
            Assert.False(string.IsNullOrWhiteSpace(persona.GetProperty("headline").GetString()));
            Assert.Equal("offline", persona.GetProperty("generatedBy").GetString());
            Assert.Equal(11, persona.GetProperty("traits").EnumerateObject().Count());
        });
        Assert.Equal(20, personas.Select(persona => persona.GetProperty("name").GetString()).Distinct().Count());
        var one = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personas/{personas[0].GetProperty("id").GetGuid()}");
        Assert.Equal(personas[0].GetProperty("name").GetString(), one.GetProperty("name").GetString());
        Assert.Contains("personas_generated_total", await stack.CreateClient("worker").GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_panel()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var first = await CreateProjectAsync(user);
        var second = await CreateProjectAsync(user);

        await GenerateAsync(user, first, new { count = 8, seed = 7, adversarial = true });
        await GenerateAsync(user, second, new { count = 8, seed = 7, adversarial = true });

        // The list carries the headline only: the whole profile comes from each persona's own read.
        async Task<IEnumerable<string>> FingerprintsAsync(Guid projectId) =>
            (await Task.WhenAll((await ListAsync(user, projectId)).Select(async persona =>
            {
                var full = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personas/{persona.GetProperty("id").GetGuid()}");
                return $"{persona.GetProperty("name")}|{persona.GetProperty("demographics")}|{persona.GetProperty("traits")}|{persona.GetProperty("archetype")}|{full.GetProperty("profile")}";
            }))).Order(StringComparer.Ordinal);
        Assert.Equal(await FingerprintsAsync(first), await FingerprintsAsync(second));
    }

    [Fact]
    public async Task A_generation_job_run_twice_leaves_one_panel_with_the_same_fit_and_its_events_in_order()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        var first = await GenerateAsync(user, projectId, new { count = 12, seed = 5 });
        var jobId = first.GetProperty("id").GetGuid();
        var panel = await FingerprintsAsync(user, projectId);

        // Redelivery: the same job queued again, as the queue does when a completion never reached Postgres.
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using (var requeue = new NpgsqlCommand(
            "UPDATE jobs SET status = 'Queued', run_after = now(), finished_at = NULL, result = NULL WHERE id = @job; SELECT pg_notify('marketresearch_jobs', '')", connection))
        {
            requeue.Parameters.AddWithValue("job", jobId);
            await requeue.ExecuteNonQueryAsync();
        }

        var second = await TestJobs.WaitForStatusAsync(user.Client, jobId, TimeSpan.FromSeconds(60), "Succeeded", "Failed", "DeadLettered");
        Assert.Equal("Succeeded", second.GetProperty("status").GetString());
        Assert.Equal(2, second.GetProperty("attempts").GetInt32());
        Assert.Equal(panel, await FingerprintsAsync(user, projectId));
        await using (var slots = new NpgsqlCommand("SELECT count(*), count(DISTINCT slot) FROM personas WHERE job_id = @job", connection))
        {
            slots.Parameters.AddWithValue("job", jobId);
            await using var reader = await slots.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal((12L, 12L), (reader.GetInt64(0), reader.GetInt64(1)));
        }

        // The fit is measured on the rows saved: the same panel, the same statistic.
        Assert.Equal(first.GetProperty("result").GetProperty("fit").ToString(), second.GetProperty("result").GetProperty("fit").ToString());
        // Each attempt's events are numbered in the order written: "Planned" first and "Saved" last in each.
        await using var events = new NpgsqlCommand(
            "SELECT data->>'message' FROM job_events WHERE job_id = @job AND type = 'progress' ORDER BY id", connection);
        events.Parameters.AddWithValue("job", jobId);
        var messages = new List<string>();
        await using (var reader = await events.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                messages.Add(reader.GetString(0));
            }
        }

        var planned = messages.Select((message, index) => (message, index)).Where(entry => entry.message.StartsWith("Planned", StringComparison.Ordinal)).Select(entry => entry.index).ToList();
        Assert.Equal([0, messages.Count / 2], planned);
        Assert.Equal("Saved 12 personas", messages[(messages.Count / 2) - 1]);
        Assert.Equal("Saved 12 personas", messages[^1]);
    }

    [Theory]
    [InlineData("""{"count":0}""")]
    [InlineData("""{"count":100000}""")]
    [InlineData("""{}""")]
    [InlineData("""{"count":"ten"}""")]
    public async Task Bad_counts_get_problem_details_and_nothing_is_enqueued(string body)
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);

        var response = await user.Client.PostAsync($"/api/v1/projects/{projectId}/personas/generate",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM jobs WHERE project_id = @id", connection);
        count.Parameters.AddWithValue("id", projectId);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    internal static async Task<JsonElement> GenerateAsync(ApiUser user, Guid projectId, object request)
    {
        var accepted = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/personas/generate", request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, TimeSpan.FromSeconds(60), "Succeeded", "Failed", "DeadLettered");
        Assert.True(job.GetProperty("status").GetString() == "Succeeded", job.ToString());
        return job;
    }

    private static async Task<Guid> CreateProjectAsync(ApiUser user)
    {
        var created = await user.Client.PostAsJsonAsync("/api/v1/projects", Audience);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<List<string>> FingerprintsAsync(ApiUser user, Guid projectId) =>
        [.. (await ListAsync(user, projectId)).Select(persona =>
            $"{persona.GetProperty("name")}|{persona.GetProperty("demographics")}|{persona.GetProperty("traits")}|{persona.GetProperty("archetype")}").Order(StringComparer.Ordinal)];

    private static async Task<List<JsonElement>> ListAsync(ApiUser user, Guid projectId) =>
        (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=100")).GetProperty("items").EnumerateArray().ToList();
}
