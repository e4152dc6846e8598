using System.Text;
using MarketResearch.Domain.Persistence;
using MarketResearch.Knowledge.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace MarketResearch.IntegrationTests;

/// <summary>The two halves' SQL against the stack's Postgres: the keyword statement's tiers and pgvector's ranking.</summary>
[Collection(LocalStackCollection.Name)]
public sealed class KnowledgeSearchStatementTests(LocalStackFixture stack)
{
    private const string Sections = """
        # Prices
        Rural parents find the oat carton prices too high.

        # Taste
        Oat drinks taste creamy in coffee.

        # Shops
        The supermarket price of dairy rose again.

        # Weather
        Rain fell all week in the north.
        """;

    [Fact]
    public async Task The_keyword_statement_ranks_chunks_with_every_word_first_and_adds_any_word_matches_only_when_too_few()
    {
        var (projectId, _) = await IngestAsync(Sections, "sections.md");
        var sections = await SectionsByIdAsync(projectId);

        var fallback = await KeywordAsync(projectId, "oat prices", wanted: 50);
        var enough = await KeywordAsync(projectId, "oat prices", wanted: 1);
        var none = await KeywordAsync(projectId, "glacier", wanted: 50);

        // "prices" is stemmed by the english configuration, so it matches "price" in Shops too.
        Assert.Equal("Prices", sections[fallback[0]]);
        Assert.Equal(["Shops", "Taste"], fallback.Skip(1).Select(id => sections[id]).Order().ToList());
        Assert.Equal(["Prices"], enough.Select(id => sections[id]).ToList());
        Assert.Empty(none);
    }

    [PgvectorFact]
    public async Task Pgvector_ranks_a_stored_embedding_first_with_the_hnsw_index_where_the_extension_exists()
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_knowledge_chunks_embedding_hnsw'"));
        var (projectId, documentId) = await IngestAsync("Oat milk prices in rural shops.", "one.txt");
        var random = new Random(17);
        var vectors = Enumerable.Range(0, 200).Select(_ => RandomUnitVector(random, 384)).ToList();
        var ids = await InsertChunksAsync(connection, projectId, documentId, vectors);

        var options = new DbContextOptionsBuilder<ResearchDbContext>().UseNpgsql(await stack.DatabaseConnectionStringAsync());
        await using var db = new ResearchDbContext(options.Options);
        var hits = await PgvectorRanking.TopAsync(db, projectId, vectors[42], 10, CancellationToken.None);

        Assert.Equal(10, hits.Count);
        Assert.Equal(ids[42], hits[0].Id);
        Assert.InRange(hits[0].Similarity, 0.999f, 1.001f);
        Assert.Equal(hits.Select(hit => hit.Similarity).OrderDescending(), hits.Select(hit => hit.Similarity));
    }

    private async Task<(Guid ProjectId, Guid DocumentId)> IngestAsync(string text, string fileName)
    {
        using var user = await ApiUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync();
        var document = await KnowledgeTests.UploadAndIngestAsync(user, projectId, Encoding.UTF8.GetBytes(text), fileName);
        return (projectId, document.GetProperty("id").GetGuid());
    }

    private async Task<List<Guid>> KeywordAsync(Guid projectId, string query, int wanted)
    {
        var options = new DbContextOptionsBuilder<ResearchDbContext>().UseNpgsql(await stack.DatabaseConnectionStringAsync());
        await using var db = new ResearchDbContext(options.Options);
        return await db.Database.SqlQueryRaw<Guid>(KeywordStatement.Sql, KeywordStatement.Parameters(projectId,
            KeywordQuery.ToTsQuery(query, 32, requireAll: true)!, KeywordQuery.ToTsQuery(query, 32)!, rankedMatches: 100, wanted)).ToListAsync();
    }

    private async Task<Dictionary<Guid, string>> SectionsByIdAsync(Guid projectId)
    {
        await using var connection = new NpgsqlConnection(await stack.DatabaseConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, section FROM knowledge_chunks WHERE project_id = @project", connection);
        command.Parameters.AddWithValue("project", projectId);
        var sections = new Dictionary<Guid, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sections[reader.GetGuid(0)] = reader.GetString(1);
        }

        return sections;
    }

    private static async Task<List<Guid>> InsertChunksAsync(NpgsqlConnection connection, Guid projectId, Guid documentId, List<float[]> vectors)
    {
        var ids = new List<Guid>();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY knowledge_chunks (id, document_id, project_id, ordinal, text, locale, embedding) FROM STDIN (FORMAT BINARY)");
        for (var index = 0; index < vectors.Count; index++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            await writer.StartRowAsync();
            await writer.WriteAsync(id, NpgsqlDbType.Uuid);
            await writer.WriteAsync(documentId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(projectId, NpgsqlDbType.Uuid);
            await writer.WriteAsync(1000 + index, NpgsqlDbType.Integer);
            await writer.WriteAsync($"synthetic passage {index}", NpgsqlDbType.Text);
            await writer.WriteAsync("en", NpgsqlDbType.Varchar);
            await writer.WriteAsync(vectors[index], NpgsqlDbType.Array | NpgsqlDbType.Real);
        }

        await writer.CompleteAsync();
        return ids;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static float[] RandomUnitVector(Random random, int dimensions)
    {
        var vector = Enumerable.Range(0, dimensions).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        VectorMatrix.Normalize(vector);
        return vector;
    }
}

/// <summary>
/// Runs where the stack's Postgres has pgvector (containers mode, or a local server with the extension installed), so
/// the Knowledge migration created the HNSW index; reported as skipped elsewhere, where search stays exact in process.
/// </summary>
public sealed class PgvectorFactAttribute : FactAttribute
{
    public PgvectorFactAttribute()
    {
        var containers = Environment.GetEnvironmentVariable("Infrastructure__Mode") == "containers";
        var local = Directory.Exists("/usr/share/postgresql")
            && Directory.EnumerateDirectories("/usr/share/postgresql").Any(version => File.Exists(Path.Combine(version, "extension", "vector.control")));
        if (!containers && !local)
        {
            Skip = "pgvector is not installed for the local Postgres (Debian: postgresql-15-pgvector) and the stack is not in "
                + "containers mode, so the migration created no HNSW index and search runs the exact in-process path.";
        }
    }
}
