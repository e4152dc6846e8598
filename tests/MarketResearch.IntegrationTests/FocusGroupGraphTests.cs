using System.Text.Json;

namespace MarketResearch.IntegrationTests;

[Collection(LocalStackCollection.Name)]
public sealed class FocusGroupGraphTests(LocalStackFixture stack)
{
    [Fact]
    public async Task A_completed_run_has_a_graph_of_its_personas_concepts_and_relations_and_a_rebuild_gives_the_same_graph()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync("Graph project");
        await PersonaGenerationTests.GenerateAsync(owner, projectId, new { count = 6, seed = 21 });
        var personas = (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=10")).GetProperty("items")
            .EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).ToList();
        var groupId = await FocusGroupTests.CreateAsync(owner, projectId, personas,
            ["What do you think of a meal kit subscription at 29 zł a week?", "What would make you cancel the subscription?"]);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.Client.GetAsync($"/api/v1/focus-groups/{groupId}/graph")).StatusCode);

        await FocusGroupTests.RunAsync(owner, groupId);

        var graph = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/graph");
        var nodes = graph.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(6, nodes.Count(node => node.GetProperty("kind").GetString() == "persona"));
        Assert.Contains(nodes, node => node.GetProperty("kind").GetString() == "concept");
        var ids = nodes.Select(node => node.GetProperty("id").GetString()).ToHashSet();
        var edges = graph.GetProperty("edges").EnumerateArray().ToList();
        Assert.Contains(edges, edge => edge.GetProperty("kind").GetString() == "MENTIONS");
        Assert.All(edges, edge => Assert.True(ids.Contains(edge.GetProperty("source").GetString()) && ids.Contains(edge.GetProperty("target").GetString())));
        var insights = graph.GetProperty("insights");
        Assert.NotEmpty(insights.GetProperty("keyConcepts").EnumerateArray());
        Assert.NotEmpty(insights.GetProperty("influentialPersonas").EnumerateArray());

        var accepted = await owner.Client.PostAsync($"/api/v1/focus-groups/{groupId}/graph/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("jobId").GetGuid();
        var job = await TestJobs.WaitForStatusAsync(owner.Client, jobId, TimeSpan.FromSeconds(60), "Succeeded", "Failed", "DeadLettered");
        Assert.Equal("Succeeded", job.GetProperty("status").GetString());
        var rebuilt = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/graph");
        Assert.Equal(graph.GetProperty("nodes").ToString(), rebuilt.GetProperty("nodes").ToString());
        Assert.Equal(graph.GetProperty("edges").GetArrayLength(), rebuilt.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task Viewers_read_the_graph_but_cannot_rebuild_it()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var viewer = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync();
        await PersonaGenerationTests.GenerateAsync(owner, projectId, new { count = 2, seed = 3 });
        var personas = (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas")).GetProperty("items")
            .EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).ToList();
        var groupId = await FocusGroupTests.CreateAsync(owner, projectId, personas, ["Is oat milk worth the price?"]);
        await FocusGroupTests.RunAsync(owner, groupId);
        await owner.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/members", new { email = viewer.Email, role = "viewer" });

        Assert.Equal(HttpStatusCode.OK, (await viewer.Client.GetAsync($"/api/v1/focus-groups/{groupId}/graph")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Client.PostAsync($"/api/v1/focus-groups/{groupId}/graph/rebuild", null)).StatusCode);
    }
}
