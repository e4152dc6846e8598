using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class ProjectsApiTests(LocalStackFixture stack)
{
    private static object ValidProject(string name) => new
    {
        name,
        description = "Plant-based milk for urban families",
        objectives = "Find the price ceiling",
        locale = "pl",
        audience = new
        {
            description = "Parents in cities",
            distributions = new Dictionary<string, Dictionary<string, double>>
            {
                ["age"] = new() { ["25-34"] = 0.5, ["35-44"] = 0.3, ["45-54"] = 0.2 },
                ["location"] = new() { ["urban"] = 0.8, ["rural"] = 0.2 },
            },
        },
    };

    [Fact]
    public async Task A_created_project_is_stored_and_read_back()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var api = user.Client;
        var name = $"Oat milk {Guid.NewGuid():N}";

        var created = await api.PostAsJsonAsync("/api/v1/projects", ValidProject(name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var project = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = project.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/projects/{id}", created.Headers.Location?.OriginalString);

        var read = await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{id}");
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal("pl", read.GetProperty("locale").GetString());
        var age = read.GetProperty("audience").GetProperty("distributions").GetProperty("age");
        Assert.Equal(["25-34", "35-44", "45-54"], age.EnumerateObject().Select(value => value.Name));
        Assert.Equal(0.3, age.GetProperty("35-44").GetDouble());

        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/projects?limit=100");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), item => item.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task A_project_can_be_replaced_and_deleted()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var api = user.Client;
        var created = await (await api.PostAsJsonAsync("/api/v1/projects", ValidProject("Before"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var replaced = await api.PutAsJsonAsync($"/api/v1/projects/{id}", new { name = "After", locale = "en" });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var after = await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{id}");
        Assert.Equal("After", after.GetProperty("name").GetString());
        Assert.Empty(after.GetProperty("audience").GetProperty("distributions").EnumerateObject());

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/api/v1/projects/{id}")).StatusCode);
        var gone = await api.GetAsync($"/api/v1/projects/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await api.DeleteAsync($"/api/v1/projects/{id}")).StatusCode);
    }

    [Fact]
    public async Task Pages_walk_every_project_once_newest_first()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var api = user.Client;
        var mine = new List<Guid>();
        for (var index = 0; index < 5; index++)
        {
            var created = await (await api.PostAsJsonAsync("/api/v1/projects", ValidProject($"Paged {index}"))).Content.ReadFromJsonAsync<JsonElement>();
            mine.Add(created.GetProperty("id").GetGuid());
        }

        var seen = new List<(Guid Id, DateTimeOffset CreatedAt)>();
        string? cursor = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/projects?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 1, 2);
            seen.AddRange(items.Select(item => (item.GetProperty("id").GetGuid(), item.GetProperty("createdAt").GetDateTimeOffset())));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Select(item => item.Id).Distinct().Count());
        Assert.Equal(mine.Order(), seen.Select(item => item.Id).Order());
        Assert.Equal(seen.OrderByDescending(item => item.CreatedAt).Select(item => item.CreatedAt), seen.Select(item => item.CreatedAt));
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "missing name", """{"description":"MARKER"}""", "name" },
        { "negative weight", """{"name":"MARKER","audience":{"distributions":{"age":{"18-34":1.5,"35+":-0.5}}}}""", "audience.distributions.age" },
        { "unknown category", """{"name":"MARKER","audience":{"distributions":{"hobby":{"chess":1}}}}""", "audience.distributions.hobby" },
        { "weights not summing to 1", """{"name":"MARKER","audience":{"distributions":{"gender":{"female":0.5,"male":0.4}}}}""", "audience.distributions.gender" },
        { "wrong JSON type", """{"name":"MARKER","audience":{"distributions":{"age":{"18-34":"half"}}}}""", "audience.distributions.age.18-34" },
        { "invalid JSON", """{"name":"MARKER",""", "$" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Bad_input_gets_problem_details_with_field_errors_and_stores_nothing(string why, string body, string field)
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var api = user.Client;
        var marker = $"bad-{Guid.NewGuid():N}";

        var response = await api.PostAsync("/api/v1/projects", Json(body.Replace("MARKER", marker, StringComparison.Ordinal)));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{why}: no error for '{field}' in {problem}");
        Assert.Equal(0, await CountProjectsMentioningAsync(marker));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_problem_details_and_stores_nothing()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var api = user.Client;
        var marker = $"big-{Guid.NewGuid():N}";
        var body = $$"""{"name":"{{marker}}","description":"{{new string('x', 2 * 1024 * 1024)}}"}""";

        // Expect: 100-continue lets the server refuse before the client streams 2 MB into a closed socket.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects") { Content = Json(body) };
        request.Headers.ExpectContinue = true;
        var response = await api.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await CountProjectsMentioningAsync(marker));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_as_unsupported()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var api = user.Client;

        var response = await api.PostAsync("/api/v1/projects", new StringContent("name=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1000", "limit")]
    [InlineData("?cursor=garbage", "cursor")]
    public async Task Bad_paging_parameters_are_field_errors(string query, string field)
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var api = user.Client;

        var response = await api.GetAsync($"/api/v1/projects{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_api_publishes_its_openapi_document()
    {
        using var api = stack.CreateClient("api");

        var document = await api.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/projects", out _));
    }

    private static StringContent Json(string body) => new(body, new MediaTypeHeaderValue("application/json"));

    private async Task<long> CountProjectsMentioningAsync(string marker)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM projects WHERE name LIKE @marker OR description LIKE @marker", connection);
        command.Parameters.AddWithValue("marker", $"%{marker}%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
