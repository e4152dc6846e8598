using System.Text.Json;
using Npgsql;

namespace MarketResearch.IntegrationTests;

/// <summary>
/// At-least-once delivery: the queue hands the same focus-group job to the worker a second time after it succeeded
/// (as after a lost completion), and the handler's effects are replaced, not appended.
/// </summary>
[Collection(LocalStackCollection.Name)]
public sealed class FocusGroupRedeliveryTests(LocalStackFixture stack)
{
    private const int PanelSize = 4;
    private static readonly string[] Questions = ["Would you pay 39 zł a week for a meal kit?", "What would make you cancel it?"];

    [Fact]
    public async Task A_focus_group_job_run_twice_leaves_one_transcript_and_one_insight()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await SurveyTests.CreateProjectWithPersonasAsync(user, PanelSize);
        var personaIds = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=10"))
            .GetProperty("items").EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).ToList();
        var created = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/focus-groups",
            new { name = "Redelivered", personaIds, questions = Questions, moderatorFollowUps = true });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var groupId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var accepted = await user.Client.PostAsync($"/api/v1/focus-groups/{groupId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        await SucceededAsync(user, jobId);
        var turns = await CountAsync("SELECT count(*) FROM focus_group_turns WHERE job_id = @job", jobId);
        Assert.True(turns >= PanelSize * Questions.Length, $"{turns} turns");

        // Redelivery: the same job, queued again as the queue does when a completion never reached Postgres.
        await using (var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var requeue = new NpgsqlCommand(
                "UPDATE jobs SET status = 'Queued', run_after = now(), finished_at = NULL, result = NULL WHERE id = @job; SELECT pg_notify('marketresearch_jobs', '')", connection);
            requeue.Parameters.AddWithValue("job", jobId);
            await requeue.ExecuteNonQueryAsync();
        }

        var second = await SucceededAsync(user, jobId);
        Assert.Equal(2, second.GetProperty("attempts").GetInt32());
        Assert.Equal(turns, await CountAsync("SELECT count(*) FROM focus_group_turns WHERE job_id = @job", jobId));
        Assert.Equal(turns, await CountAsync("SELECT count(DISTINCT sequence) FROM focus_group_turns WHERE job_id = @job", jobId));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM focus_group_insights WHERE job_id = @job", jobId));
        var transcript = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/transcript?limit=100");
        Assert.Equal(turns, transcript.GetProperty("items").GetArrayLength());
        Assert.Equal("completed", (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}")).GetProperty("status").GetString());
    }

    private static async Task<JsonElement> SucceededAsync(ApiUser user, Guid jobId)
    {
        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, TimeSpan.FromSeconds(120), "Succeeded", "Failed", "DeadLettered");
        Assert.True(job.GetProperty("status").GetString() == "Succeeded", job.ToString());
        return job;
    }

    private async Task<long> CountAsync(string sql, Guid jobId)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("job", jobId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
