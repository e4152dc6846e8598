using System.Text.Json;
using Npgsql;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class FocusGroupTests(LocalStackFixture stack)
{
    private static readonly string[] Questions =
    [
        "What do you think about a meal-kit subscription for 39 zł a week?",
        "Would you recommend it to your friends?",
        "What would make you cancel it?",
    ];

    private static readonly object Audience = new
    {
        name = "Meal kits",
        locale = "en",
        objectives = "Find out whether busy parents would pay for meal kits",
        audience = new
        {
            description = "Busy parents",
            distributions = new Dictionary<string, Dictionary<string, double>>
            {
                ["age"] = new() { ["25-34"] = 0.5, ["45-54"] = 0.5 },
                ["income"] = new() { ["low"] = 0.5, ["high"] = 0.5 },
            },
        },
    };

    [Fact]
    public async Task A_moderated_group_runs_to_a_transcript_of_every_persona_on_every_question_with_live_turns_and_insights()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        var personaIds = await PersonasAsync(user, projectId, 6);
        var groupId = await CreateAsync(user, projectId, personaIds, Questions, moderatorFollowUps: true);
        var draft = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}");
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await user.Client.GetAsync($"/api/v1/focus-groups/{groupId}/insights")).StatusCode);

        var jobId = await RunAsync(user, groupId);

        var group = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}");
        Assert.Equal("completed", group.GetProperty("status").GetString());
        Assert.Equal(jobId, group.GetProperty("lastJobId").GetGuid());
        var turns = await TranscriptAsync(user, groupId);
        var answers = turns.Where(turn => turn.GetProperty("round").GetInt32() == 0).ToList();
        Assert.Equal(personaIds.Count * Questions.Length, answers.Count);
        foreach (var question in Enumerable.Range(0, Questions.Length))
        {
            Assert.Equal(personaIds.Order(), answers.Where(a => a.GetProperty("questionIndex").GetInt32() == question).Select(a => a.GetProperty("speakerPersonaId").GetGuid()).Order());
        }

        Assert.All(answers, answer =>
        {
            Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("text").GetString()));
            Assert.InRange(answer.GetProperty("sentiment").GetDouble(), -1, 1);
            var self = answer.GetProperty("speakerPersonaId").GetGuid();
            var named = answer.GetProperty("agreesWith").EnumerateArray().Concat(answer.GetProperty("disagreesWith").EnumerateArray()).Select(id => id.GetGuid()).ToList();
            Assert.All(named, id => Assert.Contains(id, personaIds));
            Assert.DoesNotContain(self, named);
        });
        // Later questions see earlier rounds, so someone takes a side by name.
        Assert.Contains(answers, a => a.GetProperty("agreesWith").GetArrayLength() + a.GetProperty("disagreesWith").GetArrayLength() > 0);
        var moderator = turns.Where(turn => turn.GetProperty("speakerPersonaId").ValueKind == JsonValueKind.Null).ToList();
        Assert.Equal(Questions.Length, moderator.Count);
        Assert.All(moderator, turn => Assert.Equal(1, turn.GetProperty("round").GetInt32()));
        Assert.Contains(turns, turn => turn.GetProperty("round").GetInt32() == 1 && turn.GetProperty("speakerPersonaId").ValueKind != JsonValueKind.Null);
        Assert.Equal(Enumerable.Range(0, turns.Count), turns.Select(turn => turn.GetProperty("sequence").GetInt32()));

        var insights = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/insights");
        Assert.False(string.IsNullOrWhiteSpace(insights.GetProperty("insights").GetProperty("executiveSummary").GetString()));
        Assert.True(insights.GetProperty("insights").GetProperty("keyInsights").GetArrayLength() >= 3);
        Assert.True(insights.GetProperty("insights").GetProperty("recommendations").GetArrayLength() >= 2);
        Assert.Equal(0, insights.GetProperty("insights").GetProperty("citations").GetArrayLength()); // No documents, nothing cited.
        var statistics = insights.GetProperty("statistics");
        Assert.Equal(Questions.Length, statistics.GetProperty("questions").GetArrayLength());
        Assert.All(statistics.GetProperty("questions").EnumerateArray(), q =>
        {
            Assert.InRange(q.GetProperty("index").GetDouble(), 0, 1);
            Assert.Equal(personaIds.Count, q.GetProperty("clusters").EnumerateArray().Sum(c => c.GetProperty("size").GetInt32()));
        });
        var segments = statistics.GetProperty("sentimentBySegment").EnumerateArray().ToList();
        Assert.Contains(segments, s => s.GetProperty("category").GetString() == "income" && s.GetProperty("value").GetString() == "low");
        Assert.Contains(segments, s => s.GetProperty("category").GetString() == "age" && s.GetProperty("value").GetString() == "45-54");

        var events = await user.Client.GetStringAsync($"/api/v1/jobs/{jobId}/events");
        Assert.Equal(turns.Count, events.Split('\n').Count(line => line == "event: turn"));
        // Written in batches beside the discussion, the turns still stream round by round.
        var streamed = StreamedQuestionIndexes(events);
        Assert.Equal(streamed.Order(), streamed);
        Assert.Contains("focus_groups_completed_total", await stack.CreateClient("worker").GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_same_job_again_replaces_its_transcript_instead_of_adding_a_second()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        var personaIds = await PersonasAsync(user, projectId, 3);
        var groupId = await CreateAsync(user, projectId, personaIds, Questions[..2]);
        var jobId = await RunAsync(user, groupId);
        var before = await stack.CountAsync("SELECT count(*) FROM focus_group_turns WHERE job_id = @id", jobId);
        Assert.Equal(6L, before);

        // As if the worker had died after saving: the queue hands the same job out again.
        await using (var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var requeue = new NpgsqlCommand("""
                UPDATE jobs SET status = 'Queued', lease_owner = NULL, lease_expires_at = NULL, finished_at = NULL, run_after = now() WHERE id = @id;
                SELECT pg_notify('marketresearch_jobs', '');
                """, connection);
            requeue.Parameters.AddWithValue("id", jobId);
            await requeue.ExecuteNonQueryAsync();
        }

        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, TimeSpan.FromSeconds(90), "Succeeded", "Failed", "DeadLettered");
        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.Equal(before, await stack.CountAsync("SELECT count(*) FROM focus_group_turns WHERE job_id = @id", jobId));
        Assert.Equal(1L, await stack.CountAsync("SELECT count(*) FROM focus_group_insights WHERE job_id = @id", jobId));
    }

    /// <summary>The question index of each "turn" event, in the order the stream delivered them.</summary>
    private static List<int> StreamedQuestionIndexes(string stream)
    {
        var lines = stream.Split('\n');
        return lines.Select((line, index) => (line, index))
            .Where(entry => entry.line == "event: turn")
            .Select(entry => lines.Skip(entry.index + 1).First(line => line.StartsWith("data: ", StringComparison.Ordinal)))
            .Select(data => JsonSerializer.Deserialize<JsonElement>(data["data: ".Length..]).GetProperty("questionIndex").GetInt32())
            .ToList();
    }

    public static TheoryData<string> BadDrafts => new()
    {
        "empty-questions",
        "unknown-persona",
        "other-project-persona",
        "duplicate-persona",
        "blank-question",
        "long-question",
        "no-personas",
        "duplicate-question",
        "too-many-questions",
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task Bad_drafts_get_field_errors_and_nothing_is_stored(string kind)
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        var own = await PersonasAsync(user, projectId, 2);
        var (field, personas, questions) = kind switch
        {
            "empty-questions" => ("questions", own, Array.Empty<string>()),
            "unknown-persona" => ("personaIds", [.. own, Guid.NewGuid()], Questions),
            "other-project-persona" => ("personaIds", [.. own, (await PersonasAsync(user, await CreateProjectAsync(user), 1))[0]], Questions),
            "duplicate-persona" => ("personaIds", [own[0], own[0]], Questions),
            "blank-question" => ("questions[1]", own, ["Fine?", "   "]),
            "long-question" => ("questions[0]", own, [new string('a', 1001)]),
            "no-personas" => ("personaIds", [], Questions),
            "duplicate-question" => ("questions", own, ["Why?", " why? "]),
            "too-many-questions" => ("questions", own, Enumerable.Range(0, 21).Select(i => $"Question {i}?").ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/focus-groups", new { name = "Bad", personaIds = personas, questions });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0L, await stack.CountAsync("SELECT count(*) FROM focus_groups WHERE project_id = @id", projectId));
        Assert.Equal(0L, await stack.CountAsync("SELECT count(*) FROM jobs WHERE project_id = @id AND type = 'focus_groups.run'", projectId));
    }

    [Fact]
    public async Task Focus_groups_are_listed_per_project_and_hidden_from_strangers()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        using var stranger = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectAsync(user);
        var personas = await PersonasAsync(user, projectId, 2);
        var first = await CreateAsync(user, projectId, personas, ["One?"]);
        var second = await CreateAsync(user, projectId, personas, ["Two?"]);

        var page = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/focus-groups?limit=1");
        Assert.Equal(second, page.GetProperty("items")[0].GetProperty("id").GetGuid());
        var next = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/focus-groups?limit=1&cursor={page.GetProperty("nextCursor").GetString()}");
        Assert.Equal(first, next.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/focus-groups/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsync($"/api/v1/focus-groups/{first}/run", null)).StatusCode);
    }

    internal static async Task<Guid> CreateAsync(ApiUser user, Guid projectId, IReadOnlyList<Guid> personaIds, IReadOnlyList<string> questions, bool moderatorFollowUps = false)
    {
        var created = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/focus-groups",
            new { name = "Meal kit group", personaIds, questions, moderatorFollowUps });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static async Task<Guid> RunAsync(ApiUser user, Guid groupId)
    {
        var accepted = await user.Client.PostAsync($"/api/v1/focus-groups/{groupId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, TimeSpan.FromSeconds(90), "Succeeded", "Failed", "DeadLettered");
        Assert.True(job.GetProperty("status").GetString() == "Succeeded", job.ToString());
        return jobId;
    }

    private static async Task<List<JsonElement>> TranscriptAsync(ApiUser user, Guid groupId)
    {
        var turns = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/transcript?limit=20" + (cursor is null ? string.Empty : $"&cursor={cursor}"));
            turns.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return turns;
    }

    private static async Task<Guid> CreateProjectAsync(ApiUser user)
    {
        var created = await user.Client.PostAsJsonAsync("/api/v1/projects", Audience);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    internal static async Task<List<Guid>> PersonasAsync(ApiUser user, Guid projectId, int count)
    {
        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count, seed = 11 });
        var page = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=100");
        return page.GetProperty("items").EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).ToList();
    }
}
