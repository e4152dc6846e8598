using System.Text.Json;
using Npgsql;
using StackExchange.Redis;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// Focus-group insights and survey results are served from the read cache (HybridCache over Redis), and a run that
/// succeeds replaces the project's version token so every replica reads afresh: through the real API, worker,
/// Postgres and Redis. Rows are changed behind the API's back to tell a cached read from a fresh one.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class ResultsCacheTests(LocalStackFixture stack)
{
    private const int PanelSize = 4;

    [Fact]
    public async Task Survey_results_are_cached_until_a_run_succeeds_and_replaces_the_projects_survey_version()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await SurveyTests.CreateProjectWithPersonasAsync(user, PanelSize);
        var created = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys", new { name = "Cached", questions = SurveyTests.AllFourTypes.Take(1) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var surveyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var firstRun = await SurveyTests.RunAsync(user, surveyId);
        var before = await VersionAsync(projectId, "surveys");
        Assert.NotNull(before);

        var first = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}/results");
        Assert.Equal(PanelSize, first.GetProperty("respondents").GetInt32());
        await ExecuteAsync("DELETE FROM survey_responses WHERE job_id = @job", firstRun);
        var cached = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}/results");
        Assert.Equal(PanelSize, cached.GetProperty("respondents").GetInt32());

        var secondRun = await SurveyTests.RunAsync(user, surveyId);
        Assert.NotEqual(before, await VersionAsync(projectId, "surveys"));
        var fresh = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}/results");
        Assert.Equal(secondRun, fresh.GetProperty("run").GetProperty("jobId").GetGuid());
        Assert.Equal(PanelSize, fresh.GetProperty("respondents").GetInt32());
    }

    [Fact]
    public async Task Focus_group_insights_are_cached_until_a_run_succeeds_and_replaces_the_projects_focus_group_version()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await SurveyTests.CreateProjectWithPersonasAsync(user, PanelSize);
        var personaIds = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=10"))
            .GetProperty("items").EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).ToList();
        var created = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/focus-groups",
            new { name = "Cached", personaIds, questions = new[] { "Would you pay 39 zł a week for a meal kit?" }, moderatorFollowUps = false });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var groupId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var firstRun = await RunFocusGroupAsync(user, groupId);
        var before = await VersionAsync(projectId, "focus-groups");
        Assert.NotNull(before);
        var first = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/insights");
        Assert.Equal(firstRun, first.GetProperty("jobId").GetGuid());
        await ExecuteAsync("DELETE FROM focus_group_insights WHERE job_id = @job", firstRun);
        var cached = await user.Client.GetAsync($"/api/v1/focus-groups/{groupId}/insights");
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(first.GetProperty("insights").GetRawText(), (await cached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("insights").GetRawText());

        var secondRun = await RunFocusGroupAsync(user, groupId);
        Assert.NotEqual(before, await VersionAsync(projectId, "focus-groups"));
        var fresh = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/insights");
        Assert.Equal(secondRun, fresh.GetProperty("jobId").GetGuid());
    }

    private static async Task<Guid> RunFocusGroupAsync(ApiUser user, Guid groupId)
    {
        var accepted = await user.Client.PostAsync($"/api/v1/focus-groups/{groupId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, TimeSpan.FromSeconds(120), "Succeeded", "Failed", "DeadLettered");
        Assert.True(job.GetProperty("status").GetString() == "Succeeded", job.ToString());
        return jobId;
    }

    /// <summary>The project's read-cache version token of an area (the key layout of ProjectReadVersions.Key).</summary>
    private async Task<string?> VersionAsync(Guid projectId, string area)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(await stack.App.GetConnectionStringAsync("redis") ?? throw new InvalidOperationException("No Redis connection string."));
        var value = await redis.GetDatabase().StringGetAsync($"readcache:{projectId:N}:{area}:version");
        return value.HasValue ? value.ToString() : null;
    }

    private async Task ExecuteAsync(string sql, Guid jobId)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("job", jobId);
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }
}
