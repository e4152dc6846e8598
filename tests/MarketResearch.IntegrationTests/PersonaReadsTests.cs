using System.Text.Json;
using Npgsql;
using StackExchange.Redis;

namespace MarketResearch.IntegrationTests;

/// <summary>Panel quality, the gallery's filters and the read cache, through the real API, worker, Postgres and Redis.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class PersonaReadsTests(LocalStackFixture stack)
{
    private static readonly object Audience = new
    {
        name = "Reads panel",
        audience = new
        {
            distributions = new Dictionary<string, Dictionary<string, double>>
            {
                ["age"] = new() { ["18-34"] = 0.5, ["35-54"] = 0.3, ["55+"] = 0.2 },
                ["gender"] = new() { ["female"] = 0.5, ["male"] = 0.5 },
            },
        },
    };

    [Fact]
    public async Task Panel_quality_is_measured_on_the_saved_panel_latest_or_by_job()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetAsync($"/api/v1/projects/{projectId}/personas/quality")).StatusCode);
        var first = (await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 20, seed = 3 })).GetProperty("id").GetGuid();
        var second = (await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 10, seed = 4 })).GetProperty("id").GetGuid();

        var latest = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas/quality");
        var older = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas/quality?jobId={first}");

        Assert.Equal(second, latest.GetProperty("jobId").GetGuid());
        Assert.Equal(10, latest.GetProperty("panelSize").GetInt32());
        Assert.Equal(first, older.GetProperty("jobId").GetGuid());
        Assert.Equal(20, older.GetProperty("panelSize").GetInt32());
        var age = older.GetProperty("fit").GetProperty("categories").EnumerateArray().Single(category => category.GetProperty("category").GetString() == "age");
        // Exact quotas: 10/6/4 of 20 is the target exactly.
        Assert.Equal(0, age.GetProperty("chiSquare").GetDouble(), 9);
        Assert.Equal(1, age.GetProperty("pValue").GetDouble(), 9);
        Assert.Equal(11, older.GetProperty("traitSpread").EnumerateObject().Count());
        Assert.All(older.GetProperty("traitSpread").EnumerateObject(), trait => Assert.True(trait.Value.GetProperty("standardDeviation").GetDouble() > 0, trait.Name));
        var stories = older.GetProperty("storyDistinctness");
        Assert.InRange(stories.GetProperty("meanDistance").GetDouble(), 0.3, 1);
        Assert.NotEqual(JsonValueKind.Null, stories.GetProperty("mostSimilar").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetAsync($"/api/v1/projects/{projectId}/personas/quality?jobId={Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_page_through_every_match_once()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 40, seed = 11, adversarial = true });
        var all = await ListAllAsync(user, projectId, "limit=100");
        Assert.Equal(40, all.Count);

        var women = await ListAllAsync(user, projectId, "gender=female&limit=7");
        Assert.Equal(all.Count(persona => Demographic(persona, "gender") == "female"), women.Count);
        Assert.Equal(women.Count, women.Select(persona => persona.GetProperty("id").GetGuid()).Distinct().Count());

        var open = await ListAllAsync(user, projectId, "minOpenness=0.5&maxNeuroticism=0.6&age=18-34&age=55%2B&limit=5");
        var expected = all.Where(persona => Trait(persona, "openness") >= 0.5 && Trait(persona, "neuroticism") <= 0.6
            && Demographic(persona, "age") is "18-34" or "55+").Select(Id).Order();
        Assert.Equal(expected, open.Select(Id).Order());

        var adversarial = await ListAllAsync(user, projectId, "archetype=contrarian&segment=devilsAdvocate");
        Assert.NotEmpty(adversarial);
        Assert.Equal(all.Count(persona => persona.GetProperty("archetype").GetString() is "Contrarian" or "DevilsAdvocate"), adversarial.Count);
    }

    [Fact]
    public async Task List_items_carry_the_headline_but_not_the_whole_profile_which_the_persona_read_has()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 6, seed = 31 });

        var items = await ListAllAsync(user, projectId, "limit=4");

        Assert.Equal(6, items.Count);
        foreach (var item in items)
        {
            Assert.False(item.TryGetProperty("profile", out _), "a list item has no profile");
            Assert.False(item.TryGetProperty("citations", out _), "a list item has no citations");
            var full = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personas/{Id(item)}");
            var headline = full.GetProperty("profile").GetProperty("headline").GetString();
            Assert.False(string.IsNullOrWhiteSpace(headline));
            Assert.Equal(headline, item.GetProperty("headline").GetString());
            foreach (var field in new[] { "name", "locale", "archetype", "generatedBy", "jobId", "projectId" })
            {
                Assert.Equal(full.GetProperty(field).ToString(), item.GetProperty(field).ToString());
            }

            Assert.Equal(full.GetProperty("demographics").ToString(), item.GetProperty("demographics").ToString());
            Assert.Equal(full.GetProperty("createdAt").GetDateTimeOffset(), item.GetProperty("createdAt").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task A_page_read_once_is_shared_through_Redis_after_the_response()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 3, seed = 41 });
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await stack.App.GetConnectionStringAsync("redis") ?? throw new InvalidOperationException("No Redis connection string."));
        var server = redis.GetServers().Single();
        var pattern = $"*personas:{projectId:N}:*page:*";

        Assert.Equal(3, (await ListAllAsync(user, projectId, "limit=10")).Count);

        // The miss answered from Postgres first; the shared copy follows in the background, within a bounded wait.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var shared = false;
        while (!shared && DateTime.UtcNow < deadline)
        {
            await foreach (var _ in server.KeysAsync(pattern: pattern))
            {
                shared = true;
                break;
            }

            if (!shared)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }

        Assert.True(shared, $"no Redis key matched {pattern}");
    }

    [Theory]
    [InlineData("minOpenness=2")]
    [InlineData("archetype=villain")]
    [InlineData("favouriteColour=blue")]
    [InlineData("minAgreeableness=0.9&maxAgreeableness=0.1")]
    [InlineData("jobId=nope")]
    public async Task Bad_filters_are_400_with_field_errors(string query)
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();

        var response = await user.Client.GetAsync($"/api/v1/projects/{projectId}/personas?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateObject());
    }

    [Fact]
    public async Task A_new_panel_shows_at_once_although_pages_are_cached()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        var jobId = (await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 5, seed = 21 })).GetProperty("id").GetGuid();
        Assert.Equal(5, (await ListAllAsync(user, projectId, "limit=100")).Count);

        // A row written behind the API's back stays invisible while the cached page is valid: the page really is cached...
        await InsertPersonaBehindTheApiAsync(jobId);
        Assert.Equal(5, (await ListAllAsync(user, projectId, "limit=100")).Count);

        // ...and generation in the worker invalidates it: the new panel (and the hidden row) appear on the next read.
        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 7, seed = 22 });
        Assert.Equal(13, (await ListAllAsync(user, projectId, "limit=100")).Count);
        Assert.Equal(7, (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas/quality")).GetProperty("panelSize").GetInt32());
    }

    [Fact]
    public async Task Changing_the_target_audience_recomputes_the_cached_fit()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 10, seed = 5 });
        Assert.Equal(0, GenderChiSquare(await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas/quality")), 9);

        var replaced = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}", new
        {
            name = "Reads panel",
            audience = new { distributions = new Dictionary<string, Dictionary<string, double>> { ["gender"] = new() { ["female"] = 0.9, ["male"] = 0.1 } } },
        });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        Assert.True(GenderChiSquare(await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas/quality")) > 1);
    }

    [Fact]
    public async Task The_AI_status_says_the_offline_simulator_answers_and_how_to_change_that()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var anonymous = stack.CreateClient("api");

        var status = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/ai/status");

        Assert.True(status.GetProperty("offline").GetBoolean());
        Assert.Equal("Offline", status.GetProperty("chatProvider").GetString());
        Assert.False(string.IsNullOrWhiteSpace(status.GetProperty("chatModel").GetString()));
        Assert.Equal("MiniLM", status.GetProperty("embeddingProvider").GetString());
        Assert.Contains("Llm:Provider", status.GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/ai/status")).StatusCode);
    }

    private static double GenderChiSquare(JsonElement quality) =>
        quality.GetProperty("fit").GetProperty("categories").EnumerateArray().Single(category => category.GetProperty("category").GetString() == "gender").GetProperty("chiSquare").GetDouble();

    private static Guid Id(JsonElement persona) => persona.GetProperty("id").GetGuid();

    private static string? Demographic(JsonElement persona, string category) => persona.GetProperty("demographics").GetProperty(category).GetString();

    private static double Trait(JsonElement persona, string trait) => persona.GetProperty("traits").GetProperty(trait).GetDouble();

    private static async Task<List<JsonElement>> ListAllAsync(ApiUser user, Guid projectId, string query)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/projects/{projectId}/personas?{query}" + (cursor is null ? string.Empty : $"&cursor={cursor}");
            var response = await user.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return items;
    }

    private async Task InsertPersonaBehindTheApiAsync(Guid jobId)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO personas (id, project_id, job_id, slot, name, gender, locale, demographics, traits, archetype, seed, profile, generated_by, created_at)
            SELECT @id, project_id, job_id, 999, 'Hidden Row', gender, locale, demographics, traits, archetype, seed, profile, generated_by, now()
            FROM personas WHERE job_id = @job LIMIT 1
            """, connection);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("job", jobId);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
    }

    private static async Task<Guid> CreateProjectAsync(ApiUser user)
    {
        var created = await user.Client.PostAsJsonAsync("/api/v1/projects", Audience);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
