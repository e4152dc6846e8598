using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MarketResearch.Tests.Knowledge;

namespace MarketResearch.IntegrationTests;

/// <summary>The knowledge base through the real stack: upload → ingestion job → hybrid search, deletion, bad input, grounding.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class KnowledgeTests(LocalStackFixture stack)
{
    private static readonly TimeSpan IngestionTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Txt_md_docx_and_pdf_are_ingested_and_search_returns_the_right_passage_with_its_citation()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync("Oat milk study");

        var txt = await UploadAndIngestAsync(user, projectId, Encoding.UTF8.GetBytes(
            "Interview notes.\n\nParents told us that breakfast cereal is eaten with oat milk every morning before school."), "notes.txt");
        var md = await UploadAndIngestAsync(user, projectId, Encoding.UTF8.GetBytes(
            "# Competitors\n\n## Almond drinks\n\nAlmond drinks lose shoppers because of worries about water use in orchards."), "competitors.md");
        var docx = await UploadAndIngestAsync(user, projectId, DocumentFixtures.Docx(
            [("Heading1", "Findings"), (null, "General satisfaction is high."), ("Heading2", "Prices"), (null, "Rural shoppers say the carton price is too expensive compared with cow milk.")]), "findings.docx");
        var pdf = await UploadAndIngestAsync(user, projectId, DocumentFixtures.Pdf(
            [["Market overview for plant-based drinks."], ["Recyclable packaging made from paper is the strongest purchase driver for students."]]), "survey.pdf");

        Assert.Equal(["Text", "Markdown", "Docx", "Pdf"], new[] { txt, md, docx, pdf }.Select(document => document.GetProperty("kind").GetString()));
        Assert.All(new[] { txt, md, docx, pdf }, document =>
        {
            Assert.Equal("Ready", document.GetProperty("status").GetString());
            Assert.True(document.GetProperty("chunkCount").GetInt32() > 0);
            Assert.Equal(1.0, document.GetProperty("progress").GetDouble());
            Assert.Equal(64, document.GetProperty("sha256").GetString()!.Length);
        });
        Assert.Equal(2, pdf.GetProperty("pageCount").GetInt32());

        var packaging = await SearchAsync(user, projectId, "Which packaging drives purchases among students?");
        Assert.Equal(pdf.GetProperty("id").GetGuid(), packaging[0].GetProperty("documentId").GetGuid());
        Assert.Equal(2, packaging[0].GetProperty("page").GetInt32());
        Assert.Equal("survey.pdf", packaging[0].GetProperty("documentName").GetString());
        Assert.Contains("Recyclable packaging", packaging[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.True(packaging[0].GetProperty("score").GetDouble() > 0);

        var price = await SearchAsync(user, projectId, "is the price too expensive for rural shoppers");
        Assert.Equal(docx.GetProperty("id").GetGuid(), price[0].GetProperty("documentId").GetGuid());
        Assert.Equal("Findings > Prices", price[0].GetProperty("section").GetString());

        // A paraphrase with no shared keyword still finds the passage through its embedding.
        var semantic = await SearchAsync(user, projectId, "environmental concerns about nut beverages");
        Assert.Equal(md.GetProperty("id").GetGuid(), semantic[0].GetProperty("documentId").GetGuid());
        Assert.Equal("Competitors > Almond drinks", semantic[0].GetProperty("section").GetString());

        var list = await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/documents?limit=2");
        Assert.Equal(2, list.GetProperty("items").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(list.GetProperty("nextCursor").GetString()));
    }

    [Fact]
    public async Task Deleting_a_document_removes_its_bytes_chunks_and_embeddings_and_it_leaves_search()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var kept = await UploadAndIngestAsync(user, projectId, "Kangaroos prefer oat milk in Sydney cafes."u8.ToArray(), "kept.txt");
        var doomed = await UploadAndIngestAsync(user, projectId, "Penguins dislike soy milk in Antarctic research stations."u8.ToArray(), "doomed.txt");
        var doomedId = doomed.GetProperty("id").GetGuid();
        Assert.Equal(doomedId, (await SearchAsync(user, projectId, "penguins soy"))[0].GetProperty("documentId").GetGuid());
        Assert.True(await stack.CountAsync("SELECT count(*) FROM knowledge_chunks WHERE document_id = @id", doomedId) > 0);

        var deleted = await user.Client.DeleteAsync($"/api/v1/documents/{doomedId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM knowledge_chunks WHERE document_id = @id", doomedId));
        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM knowledge_document_contents WHERE document_id = @id", doomedId));
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetAsync($"/api/v1/documents/{doomedId}")).StatusCode);
        var after = await SearchAsync(user, projectId, "penguins soy");
        Assert.DoesNotContain(after, passage => passage.GetProperty("documentId").GetGuid() == doomedId);
        Assert.Contains(after, passage => passage.GetProperty("documentId").GetGuid() == kept.GetProperty("id").GetGuid());
    }

    public static TheoryData<string, string, int> BadUploads => new()
    {
        { "empty", "empty.txt", 400 },
        { "whitespace", "blank.md", 400 },
        { "png", "photo.pdf", 415 },
        { "latin2", "notes.txt", 415 },
        { "encrypted", "secret.pdf", 400 },
        { "damaged-pdf", "broken.pdf", 400 },
        { "zip-bomb", "bomb.docx", 400 },
        { "plain-zip", "archive.docx", 415 },
        { "over-size", "huge.txt", 413 },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Bad_uploads_get_problem_details_and_nothing_is_stored(string fixture, string fileName, int status)
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();

        var response = await UploadAsync(user, projectId, BadFile(fixture), fileName);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        await AssertNothingStoredAsync(projectId);
    }

    [Fact]
    public async Task A_request_without_a_file_or_not_multipart_is_refused_and_nothing_is_stored()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();

        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "comment" } };
        var missing = await user.Client.PostAsync($"/api/v1/projects/{projectId}/documents", noFile);
        var json = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/documents", new { name = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("file", out _));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        await AssertNothingStoredAsync(projectId);
    }

    [Fact]
    public async Task Empty_queries_are_400_and_other_tenants_documents_and_projects_are_404()
    {
        using var owner = await ApiUser.RegisterAsync(stack);
        using var stranger = await ApiUser.RegisterAsync(stack);
        var projectId = await owner.CreateProjectAsync();
        var document = await UploadAndIngestAsync(owner, projectId, "Secret launch plans for oat yoghurt."u8.ToArray(), "plans.txt");
        var documentId = document.GetProperty("id").GetGuid();

        foreach (var body in new object[] { new { query = "" }, new { query = "   " }, new { }, new { query = "oat", top = 0 }, new { query = "oat", top = 100000 } })
        {
            var bad = await owner.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/knowledge/search", body);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/api/v1/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.DeleteAsync($"/api/v1/documents/{documentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/knowledge/search", new { query = "launch" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(stranger, projectId, "x"u8.ToArray(), "x.txt")).StatusCode);

        // The stranger's own project does not see the owner's passages.
        var own = await stranger.CreateProjectAsync();
        Assert.Empty(await SearchAsync(stranger, own, "secret launch plans oat yoghurt"));
        Assert.Equal(1, await stack.CountAsync("SELECT count(*) FROM knowledge_documents WHERE id = @id", documentId));
    }

    [Fact]
    public async Task Personas_generated_with_knowledge_carry_citations_of_the_projects_passages()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync("Oat milk for families");
        var document = await UploadAndIngestAsync(user, projectId, DocumentFixtures.Docx(
            [("Heading1", "Families"), (null, "Families with young children choose oat milk for allergies and buy it in bulk.")]), "families.docx");

        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 3, seed = 5, useKnowledge = true });
        await PersonaGenerationTests.GenerateAsync(user, projectId, new { count = 1, seed = 6 });

        // List pages leave citations out (they carry the headline only): each persona's own read has them.
        var listed = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=10")).GetProperty("items").EnumerateArray().ToList();
        var personas = new List<JsonElement>();
        foreach (var item in listed)
        {
            personas.Add(await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personas/{item.GetProperty("id").GetGuid()}"));
        }

        var grounded = personas.Where(persona => persona.GetProperty("citations").GetArrayLength() > 0).ToList();
        Assert.Equal(3, grounded.Count);
        var citation = grounded[0].GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("marker").GetInt32());
        Assert.Equal(document.GetProperty("id").GetGuid(), citation.GetProperty("documentId").GetGuid());
        Assert.NotEqual(Guid.Empty, citation.GetProperty("chunkId").GetGuid());
        Assert.Equal("Families", citation.GetProperty("section").GetString());
        Assert.Contains("allergies", citation.GetProperty("quote").GetString(), StringComparison.Ordinal);
        Assert.Single(personas, persona => persona.GetProperty("citations").GetArrayLength() == 0);
    }

    [Fact]
    public async Task A_focus_group_summary_is_grounded_in_the_projects_documents_and_cites_them()
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync("Oat milk for families");
        var document = await UploadAndIngestAsync(user, projectId, Encoding.UTF8.GetBytes(
            "# Price study\n\nParents said oat milk costs too much compared with dairy milk, so they buy it only on discount."), "price-study.md");
        var personas = await FocusGroupTests.PersonasAsync(user, projectId, 3);
        var groupId = await FocusGroupTests.CreateAsync(user, projectId, personas, ["Is oat milk worth its price for your family?"]);

        await FocusGroupTests.RunAsync(user, groupId);

        var insights = (await user.Client.GetFromJsonAsync<JsonElement>($"/api/v1/focus-groups/{groupId}/insights")).GetProperty("insights");
        var citation = Assert.Single(insights.GetProperty("citations").EnumerateArray());
        Assert.Equal(1, citation.GetProperty("marker").GetInt32());
        Assert.Equal(document.GetProperty("id").GetGuid(), citation.GetProperty("documentId").GetGuid());
        Assert.Equal("price-study.md", citation.GetProperty("documentName").GetString());
        Assert.Contains("discount", citation.GetProperty("quote").GetString(), StringComparison.Ordinal);
    }

    internal static async Task<HttpResponseMessage> UploadAsync(ApiUser user, Guid projectId, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await user.Client.PostAsync($"/api/v1/projects/{projectId}/documents", form);
    }

    internal static async Task<JsonElement> UploadAndIngestAsync(ApiUser user, Guid projectId, byte[] bytes, string fileName)
    {
        var response = await UploadAsync(user, projectId, bytes, fileName);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{fileName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var job = await TestJobs.WaitForStatusAsync(user.Client, accepted.GetProperty("jobId").GetGuid(), IngestionTimeout, "Succeeded", "Failed", "DeadLettered");
        Assert.True(job.GetProperty("status").GetString() == "Succeeded", job.ToString());
        return await user.Client.GetFromJsonAsync<JsonElement>(response.Headers.Location!.ToString());
    }

    private static async Task<List<JsonElement>> SearchAsync(ApiUser user, Guid projectId, string query)
    {
        var response = await user.Client.PostAsJsonAsync($"/api/v1/projects/{projectId}/knowledge/search", new { query, top = 5 });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passages").EnumerateArray().ToList();
    }

    private static byte[] BadFile(string fixture) => fixture switch
    {
        "empty" => [],
        "whitespace" => "  \n\n\t "u8.ToArray(),
        "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
        "latin2" => [0x5A, 0x61, 0xBF, 0xF3, 0xB3, 0xE6, 0x20, 0x67, 0xEA, 0x9C, 0x6C, 0xB9],
        "encrypted" => DocumentFixtures.EncryptedPdf(),
        "damaged-pdf" => "%PDF-1.7\nthis file stops here"u8.ToArray(),
        "zip-bomb" => DocumentFixtures.ZipBomb(32 * 1024 * 1024),
        "plain-zip" => DocumentFixtures.PlainZip(),
        "over-size" => Encoding.UTF8.GetBytes(new string('a', (int)LocalStackFixture.MaxUploadBytes + 1)),
        _ => throw new ArgumentOutOfRangeException(nameof(fixture)),
    };

    private async Task AssertNothingStoredAsync(Guid projectId)
    {
        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM knowledge_documents WHERE project_id = @id", projectId));
        Assert.Equal(0, await stack.CountAsync("SELECT count(*) FROM jobs WHERE project_id = @id", projectId));
    }
}
