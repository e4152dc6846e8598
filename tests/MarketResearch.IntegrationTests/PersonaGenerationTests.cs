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

    private static async Task<List<JsonElement>> ListAsync(ApiUser user, Guid projectId) =>
        (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=100")).GetProperty("items").EnumerateArray().ToList();
}
