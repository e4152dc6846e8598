using System.Text;
using System.Text.RegularExpressions;

namespace MarketResearch.IntegrationTests;

/// <summary>Every endpoint in the route table: anonymous → 401, another tenant → 404, a viewer writing → 403.</summary>
[Collection(LocalStackCollection.Name)]
public sealed partial class AuthorizationTests(LocalStackFixture stack)
{
    /// <summary>Endpoints meant for callers without a token. Anything else that allows anonymous access fails the test.</summary>
    private static readonly HashSet<string> AnonymousByDesign =
    [
        "POST /api/v1/auth/register", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
        "GET /health/live", "GET /health/ready", "GET /metrics", "GET /openapi/{documentName}.json",
    ];

    /// <summary>Reads sent as POST because they carry a body: viewers may call them.</summary>
    private static readonly HashSet<string> ReadsByPost = ["POST /api/v1/projects/{id:guid}/knowledge/search"];

    [Fact]
    public async Task Only_the_intended_endpoints_allow_anonymous_callers()
    {
        var routes = await RouteTable.ReadAsync(stack);

        var anonymous = routes.Where(route => route.AllowsAnonymous && !route.Pattern.StartsWith("/scalar", StringComparison.Ordinal)).Select(route => route.ToString());

        Assert.Equal(AnonymousByDesign.Order(StringComparer.Ordinal), anonymous.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_protected_endpoint_refuses_anonymous_callers_with_401()
    {
        var routes = await ProtectedApiRoutesAsync();
        using var anonymous = stack.CreateClient("api");
        Assert.NotEmpty(routes);

        foreach (var route in routes)
        {
            using var response = await anonymous.SendAsync(Request(route, _ => Guid.NewGuid()), HttpCompletionOption.ResponseHeadersRead);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{route}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Another_tenants_resources_are_404_on_every_endpoint_that_names_one()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var stranger = await ApiUser.RegisterAsync(stack);
        var resources = await OwnedResourcesAsync(owner);
        var routes = (await ProtectedApiRoutesAsync()).Where(route => route.Pattern.Contains('{')).ToList();
        Assert.NotEmpty(routes);

        foreach (var route in routes)
        {
            using var response = await stranger.Client.SendAsync(Request(route, parameter => resources.IdFor(route, parameter)), HttpCompletionOption.ResponseHeadersRead);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{route}: {(int)response.StatusCode}");
        }

        // And nothing leaked into the stranger's own lists.
        var list = await stranger.Client.GetStringAsync("/api/v1/projects");
        Assert.DoesNotContain(resources.ProjectId.ToString(), list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewers_read_but_every_write_to_a_project_is_403()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var viewer = await ApiUser.RegisterAsync(stack);
        var resources = await OwnedResourcesAsync(owner);
        var added = await owner.Client.PostAsJsonAsync($"/api/v1/projects/{resources.ProjectId}/members", new { email = viewer.Email, role = "viewer" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var routes = (await ProtectedApiRoutesAsync()).Where(route => route.Pattern.Contains('{')).ToList();

        foreach (var route in routes)
        {
            // Headers only: an event stream of a queued job stays open.
            using var response = await viewer.Client.SendAsync(Request(route, parameter => resources.IdFor(route, parameter)), HttpCompletionOption.ResponseHeadersRead);
            if (route.Method == "GET" || ReadsByPost.Contains(route.ToString()))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{route}: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync($"/api/v1/projects/{resources.ProjectId}")).StatusCode);
    }

    [Fact]
    public async Task An_editor_may_change_a_project_but_not_its_members()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var editor = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync();
        await owner.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/members", new { email = editor.Email, role = "editor" });

        Assert.Equal(HttpStatusCode.OK, (await editor.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}", new { name = "Edited" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/members", new { email = owner.Email, role = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Client.DeleteAsync($"/api/v1/projects/{projectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.DeleteAsync($"/api/v1/projects/{projectId}/members/{await owner.Id()}")).StatusCode);
    }

    private async Task<List<ApiRoute>> ProtectedApiRoutesAsync() =>
        (await RouteTable.ReadAsync(stack)).Where(route => !route.AllowsAnonymous && route.Pattern.StartsWith("/api/", StringComparison.Ordinal)).ToList();

    private async Task<OwnedResources> OwnedResourcesAsync(ApiUser owner)
    {
        var projectId = await owner.CreateProjectAsync("Tenant A's project");
        var ownerId = await owner.Id();
        // Queued far in the future: it stays put while the test pokes at it.
        var jobId = await TestJobs.EnqueueDiagnosticAsync(stack, projectId, ownerId, new { }, delayStart: TimeSpan.FromHours(1));
        await PersonaGenerationTests.GenerateAsync(owner, projectId, new { count = 1 });
        var personas = await owner.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/projects/{projectId}/personas");
        var personaId = personas.GetProperty("items")[0].GetProperty("id").GetGuid();
        var survey = await owner.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/surveys",
            new { name = "Tenant A's survey", questions = new[] { new { type = "openText", text = "Why?" } } });
        Assert.Equal(HttpStatusCode.Created, survey.StatusCode);
        var surveyId = (await survey.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var document = await KnowledgeTests.UploadAndIngestAsync(owner, projectId, "Tenant A's notes."u8.ToArray(), "notes.txt");
        // Run to completion, so that its transcript and insights answer a reader with 200.
        var focusGroupId = await FocusGroupTests.CreateAsync(owner, projectId, [personaId], ["What do you think of oat milk?"]);
        await FocusGroupTests.RunAsync(owner, focusGroupId);
        return new OwnedResources(projectId, ownerId, jobId, personaId, surveyId, document.GetProperty("id").GetGuid(), focusGroupId);
    }

    /// <summary>A request for the route with each {parameter} filled in, and a body that would be valid if authorised.</summary>
    private static HttpRequestMessage Request(ApiRoute route, Func<string, Guid> idFor)
    {
        var path = RouteParameter().Replace(route.Pattern, match => idFor(match.Groups["name"].Value).ToString());
        var request = new HttpRequestMessage(new HttpMethod(route.Method), path);
        if (route.Method is "POST" or "PUT")
        {
            request.Content = new StringContent("""{"name":"x","email":"someone@example.test","role":"viewer","code":"123456","query":"notes"}""", Encoding.UTF8, "application/json");
        }

        return request;
    }

    [GeneratedRegex(@"\{(?<name>[a-zA-Z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>Tenant A's resources; a route naming a kind of resource this does not know fails loudly, so new endpoints get covered.</summary>
    private sealed record OwnedResources(Guid ProjectId, Guid OwnerId, Guid JobId, Guid PersonaId, Guid SurveyId, Guid DocumentId, Guid FocusGroupId)
    {
        public Guid IdFor(ApiRoute route, string parameter) => (route.Pattern, parameter) switch
        {
            (_, "userId") when route.Pattern.StartsWith("/api/v1/projects/{id", StringComparison.Ordinal) => OwnerId,
            (_, "id") when route.Pattern.StartsWith("/api/v1/projects/{id", StringComparison.Ordinal) => ProjectId,
            (_, "id") when route.Pattern.StartsWith("/api/v1/jobs/{id", StringComparison.Ordinal) => JobId,
            (_, "id") when route.Pattern.StartsWith("/api/v1/personas/{id", StringComparison.Ordinal) => PersonaId,
            (_, "id") when route.Pattern.StartsWith("/api/v1/surveys/{id", StringComparison.Ordinal) => SurveyId,
            (_, "id") when route.Pattern.StartsWith("/api/v1/documents/{id", StringComparison.Ordinal) => DocumentId,
            (_, "id") when route.Pattern.StartsWith("/api/v1/focus-groups/{id", StringComparison.Ordinal) => FocusGroupId,
            _ => throw new InvalidOperationException(
                $"{route} names a resource the authorisation tests do not create yet: teach OwnedResources to make one."),
        };
    }
}
