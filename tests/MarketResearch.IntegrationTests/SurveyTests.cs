using System.Text.Json;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class SurveyTests(LocalStackFixture stack)
{
    private const int PanelSize = 12;

    internal static readonly object[] AllFourTypes =
    [
        new { type = "singleChoice", text = "Which plan would you pick?", options = new[] { "Basic at 19 zł", "Standard at 29 zł", "Premium at 49 zł" } },
        new { type = "multipleChoice", text = "What matters to you in a meal kit?", options = new[] { "Price", "Taste", "Healthy recipes", "Less food waste" }, maxSelections = 2 },
        new { type = "ratingScale", text = "How likely are you to try it?", min = 1, max = 5, minLabel = "Very unlikely", maxLabel = "Very likely" },
        new { type = "openText", text = "What would stop you from subscribing?" },
    ];

    [Fact]
    public async Task A_survey_of_all_four_types_runs_end_to_end_and_its_results_cover_every_persona()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectWithPersonasAsync(user, PanelSize);

        var created = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys", new { name = "Meal kit pricing", questions = AllFourTypes });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var survey = await created.Content.ReadFromJsonAsync<JsonElement>();
        var surveyId = survey.GetProperty("id").GetGuid();
        Assert.Equal("Draft", survey.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, survey.GetProperty("personaIds").ValueKind);
        Assert.Equal(["singleChoice", "multipleChoice", "ratingScale", "openText"],
            survey.GetProperty("questions").EnumerateArray().Select(question => question.GetProperty("type").GetString()));
        var empty = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}/results");
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("run").ValueKind);

        var jobId = await RunAsync(user, surveyId);

        var job = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/{jobId}");
        Assert.Equal(PanelSize * AllFourTypes.Length, job.GetProperty("result").GetProperty("answers").GetInt32());
        Assert.Equal("Completed", (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}")).GetProperty("status").GetString());
        var results = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}/results");
        Assert.Equal(jobId, results.GetProperty("run").GetProperty("jobId").GetGuid());
        Assert.True(results.GetProperty("run").GetProperty("offline").GetBoolean());
        Assert.Equal(PanelSize, results.GetProperty("respondents").GetInt32());
        var questions = results.GetProperty("questions").EnumerateArray().ToList();
        Assert.All(questions, question => Assert.Equal(PanelSize, question.GetProperty("answered").GetInt32()));

        Assert.Equal(PanelSize, questions[0].GetProperty("options").EnumerateArray().Sum(option => option.GetProperty("count").GetInt32()));
        var multiple = questions[1].GetProperty("options").EnumerateArray().Select(option => option.GetProperty("count").GetInt32()).ToList();
        Assert.InRange(multiple.Sum(), PanelSize, 2 * PanelSize);
        var rating = questions[2].GetProperty("rating");
        Assert.Equal(PanelSize, rating.GetProperty("distribution").EnumerateArray().Sum(point => point.GetProperty("count").GetInt32()));
        Assert.InRange(rating.GetProperty("mean").GetDouble(), 1, 5);
        Assert.InRange(rating.GetProperty("median").GetDouble(), 1, 5);
        Assert.True(rating.GetProperty("standardDeviation").GetDouble() >= 0);
        Assert.Equal(PanelSize, questions[3].GetProperty("themes").EnumerateArray().Sum(theme => theme.GetProperty("count").GetInt32()));
        Assert.All(questions[3].GetProperty("themes").EnumerateArray(), theme => Assert.False(string.IsNullOrWhiteSpace(theme.GetProperty("representative").GetString())));

        var categories = await PersonaCategoriesAsync(user, projectId);
        foreach (var closed in questions.Take(3))
        {
            var tabs = closed.GetProperty("crossTabs").EnumerateArray().ToList();
            Assert.Equal(categories.Order(StringComparer.Ordinal), tabs.Select(tab => tab.GetProperty("category").GetString()!).Order(StringComparer.Ordinal));
            Assert.All(tabs, tab => Assert.Equal(PanelSize, tab.GetProperty("rows").EnumerateArray().Sum(row => row.GetProperty("respondents").GetInt32())));
        }

        Assert.Equal(PanelSize * AllFourTypes.Length, await stack.CountAsync("SELECT count(*) FROM survey_responses WHERE job_id = @id", jobId));
        Assert.Contains("surveys_completed_total", await stack.CreateClient("worker").GetStringAsync("/metrics"), StringComparison.Ordinal);

        // A second run: results move to it, the first run's answers stay its own.
        var second = await RunAsync(user, surveyId);
        var rerun = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}/results");
        Assert.Equal(second, rerun.GetProperty("run").GetProperty("jobId").GetGuid());
        Assert.Equal(PanelSize * AllFourTypes.Length, await stack.CountAsync("SELECT count(*) FROM survey_responses WHERE job_id = @id", jobId));
        Assert.Equal(2 * PanelSize * AllFourTypes.Length, await stack.CountAsync("SELECT count(*) FROM survey_responses WHERE survey_id = @id", surveyId));
    }

    [Fact]
    public async Task A_survey_asks_only_the_personas_it_lists()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectWithPersonasAsync(user, 6);
        var chosen = (await PersonasAsync(user, projectId)).Take(3).Select(persona => persona.GetProperty("id").GetGuid()).ToList();

        var created = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys", new { name = "Three people", questions = AllFourTypes, personaIds = chosen });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var surveyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await RunAsync(user, surveyId);

        var results = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/surveys/{surveyId}/results");
        Assert.Equal(3, results.GetProperty("respondents").GetInt32());
        var list = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/surveys");
        Assert.Equal(surveyId, Assert.Single(list.GetProperty("items").EnumerateArray().ToList()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Running_a_survey_of_a_project_without_personas_is_a_conflict_and_enqueues_nothing()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var created = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys", new { name = "Nobody", questions = AllFourTypes });
        var surveyId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var run = await user.Client.PostAsync($"/api/v1/surveys/{surveyId}/run", null);

        Assert.Equal(HttpStatusCode.Conflict, run.StatusCode);
        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM jobs WHERE project_id = @id", projectId));
    }

    [Fact]
    public async Task Every_bad_definition_gets_400_naming_the_field_and_nothing_is_stored()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await CreateProjectWithPersonasAsync(user, 2);
        var otherProjectId = await CreateProjectWithPersonasAsync(user, 1);
        var ownPersona = (await PersonasAsync(user, projectId))[0].GetProperty("id").GetGuid();
        var foreignPersona = (await PersonasAsync(user, otherProjectId))[0].GetProperty("id").GetGuid();
        object Choice(params string[] options) => new { type = "singleChoice", text = "Which?", options };
        var open = new { type = "openText", text = "Why?" };

        var cases = new (object Body, string Field)[]
        {
            (new { name = "x", questions = Array.Empty<object>() }, "questions"),
            (new { name = "x" }, "questions"),
            (new { name = "x", questions = new[] { open, Choice("a", "b"), Choice("a", " ") } }, "questions[2].options"),
            (new { name = "x", questions = new[] { Choice("Cheap", " cheap  ") } }, "questions[0].options"),
            (new { name = "x", questions = new[] { Choice("only") } }, "questions[0].options"),
            (new { name = "x", questions = new object[] { open, new { type = "ratingScale", text = "How?", min = 5, max = 5 } } }, "questions[1].max"),
            (new { name = "x", questions = new object[] { new { type = "ratingScale", text = "How?", min = 5, max = 1 } } }, "questions[0].max"),
            (new { name = "x", questions = new object[] { open, new { type = "ranking", text = "Order these", options = new[] { "a", "b" } } } }, "questions[1].type"),
            (new { name = "x", questions = new[] { open }, personaIds = new[] { ownPersona, Guid.NewGuid() } }, "personaIds[1]"),
            (new { name = "x", questions = new[] { open }, personaIds = new[] { foreignPersona } }, "personaIds[0]"),
            (new { name = "", questions = new[] { open } }, "name"),
        };

        foreach (var (body, field) in cases)
        {
            var response = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error on {field}: {text}");
        }

        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM surveys WHERE project_id = @id", projectId));
        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM jobs WHERE project_id = @id AND type = 'surveys.run'", projectId));
    }

    internal static async Task<Guid> CreateProjectWithPersonasAsync(ApiUser user, int count)
    {
        var created = await user.Client.PostAsJsonAsync("/api/v1/projects", new
        {
            name = "Meal kit panel",
            audience = new
            {
                distributions = new Dictionary<string, Dictionary<string, double>>
                {
                    ["age"] = new() { ["18-34"] = 0.5, ["35-54"] = 0.5 },
                    ["gender"] = new() { ["female"] = 0.5, ["male"] = 0.5 },
                    ["income"] = new() { ["low"] = 0.5, ["high"] = 0.5 },
                },
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var projectId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count, seed = 11 });
        return projectId;
    }

    internal static async Task<Guid> RunAsync(ApiUser user, Guid surveyId)
    {
        var accepted = await user.Client.PostAsync($"/api/v1/surveys/{surveyId}/run", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        var job = await TestJobs.WaitForStatusAsync(user.Client, jobId, TimeSpan.FromSeconds(90), "Succeeded", "Failed", "DeadLettered");
        Assert.True(job.GetProperty("status").GetString() == "Succeeded", job.ToString());
        return jobId;
    }

    private static async Task<List<JsonElement>> PersonasAsync(ApiUser user, Guid projectId) =>
        (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=100")).GetProperty("items").EnumerateArray().ToList();

    private static async Task<HashSet<string>> PersonaCategoriesAsync(ApiUser user, Guid projectId) =>
        (await PersonasAsync(user, projectId)).SelectMany(persona => persona.GetProperty("demographics").EnumerateObject().Select(entry => entry.Name)).ToHashSet(StringComparer.Ordinal);
}
