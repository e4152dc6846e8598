using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class ExportTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_project_exports_as_json_csv_and_a_markdown_report_with_every_persona()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync("Export <check> | panel");
        await PersonaGenerationTests.GenerateAsync(owner, projectId, new { count = 12, seed = 5 });
        var survey = await owner.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys", new { name = "Plans", questions = SurveyTests.AllFourTypes });
        var surveyId = (await survey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await SurveyTests.RunAsync(owner, surveyId);

        using var json = await owner.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("export-check-panel-export.json", json.Content.Headers.ContentDisposition?.FileNameStar);
        var document = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(projectId, document.GetProperty("project").GetProperty("id").GetGuid());
        var personas = document.GetProperty("personas").EnumerateArray().ToList();
        Assert.Equal(12, personas.Count);
        Assert.All(personas, persona => Assert.False(string.IsNullOrWhiteSpace(persona.GetProperty("profile").GetProperty("headline").GetString())));
        var exportedSurvey = Assert.Single(document.GetProperty("surveys").EnumerateArray());
        Assert.Equal(12 * SurveyTests.AllFourTypes.Length, exportedSurvey.GetProperty("responses").GetArrayLength());

        using var csv = await owner.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=csv");
        Assert.Equal("application/zip", csv.Content.Headers.ContentType?.MediaType);
        await using var zip = new ZipArchive(new MemoryStream(await csv.Content.ReadAsByteArrayAsync()));
        var table = zip.GetEntry("personas.csv") ?? throw new InvalidOperationException("personas.csv is missing.");
        using var reader = new StreamReader(table.Open(), Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,name,gender,locale,archetype,age,", lines[0], StringComparison.Ordinal);
        Assert.Equal(13, lines.Length);
        using var answers = new StreamReader(zip.GetEntry("survey-responses.csv")!.Open(), Encoding.UTF8);
        Assert.Equal(12 * SurveyTests.AllFourTypes.Length, (await answers.ReadToEndAsync()).Split("\r\n").Count(line => line.StartsWith(surveyId.ToString(), StringComparison.Ordinal)));

        var report = await owner.Client.GetStringAsync($"/api/v1/projects/{projectId}/export?format=md");
        Assert.StartsWith("# Export &lt;check&gt; \\| panel", report, StringComparison.Ordinal);
        Assert.All(personas, persona => Assert.Contains(persona.GetProperty("name").GetString()!, report, StringComparison.Ordinal));
        Assert.Contains("_12 personas.", report, StringComparison.Ordinal);
        Assert.Contains("## Surveys", report, StringComparison.Ordinal);
        Assert.Contains("Mean rating", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewers_export_strangers_get_404_and_an_unknown_format_is_a_field_error()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var viewer = await ApiUser.RegisterAsync(stack);
        using var stranger = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync();
        await owner.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/members", new { email = viewer.Email, role = "viewer" });

        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=md")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/projects/{projectId}/export")).StatusCode);
        using var unknown = await owner.Client.GetAsync($"/api/v1/projects/{projectId}/export?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var problem = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("format", out _));
    }
}
