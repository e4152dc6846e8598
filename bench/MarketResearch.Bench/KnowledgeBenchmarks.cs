using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Search;
using MarketResearch.Tests.Knowledge;
using Npgsql;
using NpgsqlTypes;

namespace MarketResearch.Bench;

/// <summary>
/// The knowledge bars: a 200-page PDF ingested (upload → job → extraction, chunking, MiniLM, index) within 20 s;
/// hybrid search p95 ≤ 100 ms through the API over 50,000 chunks; exact vector search recall@10 = 1.0 against
/// brute force. The 50,000 chunks are bulk-copied: synthetic sentences from a fixed vocabulary with random
/// normalised 384-d vectors (embedding 50,000 passages with MiniLM would take most of an hour on two cores, and the
/// search cost does not depend on where the vectors came from).
/// </summary>
internal static class KnowledgeBenchmarks
{
    private const string Password = "benchmark passphrase that is long";
    internal const int Pages = 200;
    private const int ParagraphsPerPage = 6;
    private const int SyntheticChunks = 50_000;
    private const int Dimensions = 384;
    private const int Queries = 200;
    private const int RecallQueries = 100;
    private const int K = 10;

    /// <summary>Words of the synthetic text: the topic words below (the most frequent) then made-up ones.</summary>
    private const int VocabularySize = 20_000;

    private static readonly string[] TopicWords =
    [
        "oat", "milk", "price", "rural", "urban", "parents", "children", "packaging", "recyclable", "carton", "taste", "sweet",
        "protein", "allergy", "lactose", "coffee", "barista", "foam", "shelf", "supermarket", "discount", "brand", "trust",
        "organic", "farm", "climate", "water", "almond", "soy", "breakfast", "cereal", "students", "seniors", "budget",
        "quality", "texture", "creamy", "calcium", "vitamin", "label", "advertising", "social", "media", "friends", "habit",
    ];

    /// <summary>
    /// Word draws follow Zipf's law (frequency ∝ 1/rank) over <see cref="VocabularySize"/> words, as natural text does:
    /// a few words are in most passages and most words in few. A small uniform vocabulary would put every query word
    /// in every chunk, which no real corpus does.
    /// </summary>
    private static readonly ZipfVocabulary Vocabulary = new(TopicWords, VocabularySize);

    public static async Task RunAsync(BenchStack stack)
    {
        using var api = stack.App.CreateHttpClient("api");
        api.Timeout = TimeSpan.FromMinutes(5);
        await SignInAsync(api);
        var projectId = await CreateProjectAsync(api, "Knowledge bench");

        // BENCH_KNOWLEDGE_SKIP_PDF=1 ingests a 1-page PDF instead (its job still owns the synthetic document): search only.
        var skipPdf = Environment.GetEnvironmentVariable("BENCH_KNOWLEDGE_SKIP_PDF") == "1";
        var jobId = await IngestPdfAsync(stack, api, projectId, skipPdf ? 1 : Pages);
        // For iterating on ingestion alone; the default (unset) runs the search bars too.
        if (Environment.GetEnvironmentVariable("BENCH_KNOWLEDGE_SKIP_SEARCH") == "1")
        {
            return;
        }

        var connectionString = await stack.App.GetConnectionStringAsync("marketresearch") ?? throw new InvalidOperationException("No database.");
        var searchProject = await CreateProjectAsync(api, "Knowledge bench 50k");
        var random = new Random(42);
        var (ids, vectors) = await BulkInsertAsync(connectionString, searchProject, jobId, random);

        await MeasureSearchAsync(api, searchProject);
        await ExplainKeywordAsync(connectionString, searchProject);
        MeasureRecall(ids, vectors, random);
    }

    private static async Task<Guid> IngestPdfAsync(BenchStack stack, HttpClient api, Guid projectId, int pages)
    {
        string[] processes = ["worker", "api", "postgres", "web"];
        var pdf = DocumentFixtures.Pdf(PdfParagraphs(pages));
        var cpuBefore = processes.ToDictionary(process => process, stack.CpuTimeOf);
        var machineBefore = BenchStack.MachineCpuTime();
        Console.WriteLine($"load average before the ingestion: {BenchStack.LoadAverage()}");
        var started = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", $"report-{pages}-pages.pdf");
        var response = await api.PostAsync($"/api/v1/projects/{projectId}/documents", form);
        response.EnsureSuccessStatusCode();
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var uploaded = started.Elapsed;
        var uploadCpu = stack.CpuTimeOf("api") - cpuBefore["api"];
        var jobId = accepted.GetProperty("jobId").GetGuid();
        var job = await JobFollower.WaitAsync(api, jobId);

        var document = await api.GetFromJsonAsync<JsonElement>(response.Headers.Location!.ToString());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{pages}-page PDF ({pdf.Length / 1024} KiB, {document.GetProperty("chunkCount").GetInt32()} chunks): {job.GetProperty("status").GetString()}, upload {uploaded.TotalSeconds:0.00} s (API CPU {uploadCpu?.TotalSeconds:0.00} s), upload → searchable {started.Elapsed.TotalSeconds:0.00} s"));
        if (job.TryGetProperty("result", out var result) && result.ValueKind == JsonValueKind.Object && result.TryGetProperty("stageMilliseconds", out var stages))
        {
            Console.WriteLine($"ingestion stages (ms, in the worker): {string.Join(", ", stages.EnumerateObject().Select(stage => $"{stage.Name} {stage.Value}"))}");
        }

        // CPU seconds per process over the whole ingestion: unlike the wall time, it does not depend on the machine's load.
        var perProcess = processes.Select(process => cpuBefore[process] is { } before && stack.CpuTimeOf(process) is { } after
            ? $"{process} {(after - before).TotalSeconds:0.00} s"
            : $"{process} (not found)");
        Console.WriteLine($"CPU during the ingestion: {string.Join(", ", perProcess)}; whole machine {(BenchStack.MachineCpuTime() - machineBefore).TotalSeconds:0.00} s ({Environment.ProcessorCount} cores); load average after {BenchStack.LoadAverage()}");

        return jobId;
    }

    private static async Task<(List<Guid> Ids, List<float[]> Vectors)> BulkInsertAsync(string connectionString, Guid projectId, Guid jobId, Random random)
    {
        var started = Stopwatch.StartNew();
        var documentId = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var document = new NpgsqlCommand("""
            INSERT INTO knowledge_documents (id, project_id, name, kind, size_bytes, sha256, status, progress, chunk_count, job_id, uploaded_by, created_at, indexed_at)
            SELECT @id, @project, 'synthetic.txt', 'Text', 0, repeat('0', 64), 'Ready', 1, @chunks, @job, created_by, now(), now() FROM jobs WHERE id = @job
            """, connection))
        {
            document.Parameters.AddWithValue("id", documentId);
            document.Parameters.AddWithValue("project", projectId);
            document.Parameters.AddWithValue("chunks", SyntheticChunks);
            document.Parameters.AddWithValue("job", jobId);
            await document.ExecuteNonQueryAsync();
        }

        var ids = new List<Guid>(SyntheticChunks);
        var vectors = new List<float[]>(SyntheticChunks);
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY knowledge_chunks (id, document_id, project_id, ordinal, text, page, section, locale, embedding) FROM STDIN (FORMAT BINARY)"))
        {
            for (var ordinal = 0; ordinal < SyntheticChunks; ordinal++)
            {
                var id = Guid.CreateVersion7();
                var vector = RandomUnitVector(random);
                ids.Add(id);
                vectors.Add(vector);
                await writer.StartRowAsync();
                await writer.WriteAsync(id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(documentId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(projectId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(ordinal, NpgsqlDbType.Integer);
                await writer.WriteAsync(Sentences(random, 8), NpgsqlDbType.Text);
                await writer.WriteAsync(1 + (ordinal / 20), NpgsqlDbType.Integer);
                await writer.WriteNullAsync();
                await writer.WriteAsync("en", NpgsqlDbType.Varchar);
                await writer.WriteAsync(vector, NpgsqlDbType.Array | NpgsqlDbType.Real);
            }

            await writer.CompleteAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE knowledge_chunks", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bulk-copied {SyntheticChunks:N0} synthetic chunks (random unit vectors) in {started.Elapsed.TotalSeconds:0.0} s"));
        return (ids, vectors);
    }

    private static async Task MeasureSearchAsync(HttpClient api, Guid projectId)
    {
        var random = new Random(3);
        var first = Stopwatch.StartNew();
        (await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/knowledge/search", new { query = "oat milk price for rural parents", top = 10 })).EnsureSuccessStatusCode();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first search (loads the project's 50,000 × 384 matrix into the API's cache): {first.Elapsed.TotalMilliseconds:0} ms"));

        var loadBefore = BenchStack.LoadAverage();
        var samples = new List<TimeSpan>(Queries);
        var stages = new Dictionary<string, List<TimeSpan>>();
        for (var query = 0; query < Queries; query++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 3 + random.Next(6)).Select(_ => Vocabulary.Draw(random)));
            var clock = Stopwatch.StartNew();
            var response = await api.PostAsJsonAsync($"/api/v1/projects/{projectId}/knowledge/search", new { query = text, top = 10 });
            response.EnsureSuccessStatusCode();
            var passages = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passages").GetArrayLength();
            samples.Add(clock.Elapsed);
            foreach (var (stage, milliseconds) in ServerTiming.Stages(response))
            {
                (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(TimeSpan.FromMilliseconds(milliseconds));
            }
            if (passages != 10)
            {
                throw new InvalidOperationException($"'{text}' returned {passages} passages.");
            }
        }

        Console.WriteLine($"hybrid search through the API over 50,000 chunks (HTTP round trip, top 10, 3–8 word queries; load {loadBefore} before, {BenchStack.LoadAverage()} after): {new Latencies(samples).Describe()}");
        foreach (var (stage, durations) in stages)
        {
            Console.WriteLine($"  server stage {stage}: {new Latencies(durations).Describe()}");
        }
    }

    /// <summary>
    /// The keyword statement the API runs, under EXPLAIN (ANALYZE, BUFFERS) for the measured queries (same seed): execution
    /// and planning time inside Postgres and the buffers each query touches, figures that scheduling delay barely moves.
    /// </summary>
    private static async Task ExplainKeywordAsync(string connectionString, Guid projectId)
    {
        var settings = new KnowledgeOptions();
        var random = new Random(3);
        var execution = new List<TimeSpan>(Queries);
        var planning = new List<TimeSpan>(Queries);
        var buffers = new List<long>(Queries);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // As the API runs it: the planner setting in a transaction of its own.
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var plannerSettings = new NpgsqlCommand(KeywordStatement.PlannerSettings, connection))
        {
            await plannerSettings.ExecuteNonQueryAsync();
        }

        for (var query = 0; query < Queries; query++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 3 + random.Next(6)).Select(_ => Vocabulary.Draw(random)));
            await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {KeywordStatement.Sql}", connection);
            explain.Parameters.AddRange(KeywordStatement.Parameters(projectId, KeywordQuery.ToTsQuery(text, settings.MaxQueryTerms, requireAll: true)!,
                KeywordQuery.ToTsQuery(text, settings.MaxQueryTerms)!, settings.KeywordRankedMatches, settings.CandidatesPerMethod));
            using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
            var root = plan.RootElement[0];
            execution.Add(TimeSpan.FromMilliseconds(root.GetProperty("Execution Time").GetDouble()));
            planning.Add(TimeSpan.FromMilliseconds(root.GetProperty("Planning Time").GetDouble()));
            var top = root.GetProperty("Plan");
            buffers.Add(top.GetProperty("Shared Hit Blocks").GetInt64() + top.GetProperty("Shared Read Blocks").GetInt64());
        }

        buffers.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"keyword statement under EXPLAIN (ANALYZE, BUFFERS), same {Queries} queries (load {BenchStack.LoadAverage()}): execution {new Latencies(execution).Describe()}; planning {new Latencies(planning).Describe()}; shared buffers p50 {buffers[buffers.Count / 2]}, p95 {buffers[(int)(buffers.Count * 0.95)]}"));
    }

    /// <summary>The API's Server-Timing header (<c>stage;dur=ms, ...</c>): where the round trip's time went.</summary>
    private static void MeasureRecall(List<Guid> ids, List<float[]> vectors, Random random)
    {
        var matrix = new VectorMatrix(ids, vectors);
        var hits = 0;
        var samples = new List<TimeSpan>(RecallQueries);
        for (var query = 0; query < RecallQueries; query++)
        {
            var q = RandomUnitVector(random);
            var clock = Stopwatch.StartNew();
            var exact = matrix.TopK(q, K);
            samples.Add(clock.Elapsed);
            var brute = Enumerable.Range(0, vectors.Count)
                .Select(row => (Id: ids[row], Cosine: Cosine(vectors[row], q)))
                .OrderByDescending(pair => pair.Cosine).Take(K).Select(pair => pair.Id).ToHashSet();
            hits += exact.Count(hit => brute.Contains(hit.Id));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"exact vector top-10 over 50,000 × 384 in process: recall@10 = {(double)hits / (RecallQueries * K):0.000} against brute-force double-precision cosine; {new Latencies(samples).Describe()}"));
    }

    private static double Cosine(float[] left, float[] right)
    {
        double dot = 0, a = 0, b = 0;
        for (var index = 0; index < left.Length; index++)
        {
            dot += left[index] * (double)right[index];
            a += left[index] * (double)left[index];
            b += right[index] * (double)right[index];
        }

        return dot / Math.Sqrt(a * b);
    }

    private static float[] RandomUnitVector(Random random)
    {
        var vector = new float[Dimensions];
        for (var index = 0; index < Dimensions; index++)
        {
            vector[index] = (float)((random.NextDouble() * 2) - 1);
        }

        VectorMatrix.Normalize(vector);
        return vector;
    }

    /// <summary>The text of the bench's PDF, page by page: the same paragraphs on every run (fixed seed).</summary>
    internal static IReadOnlyList<IReadOnlyList<string>> PdfParagraphs(int pages)
    {
        var random = new Random(7);
        return [.. Enumerable.Range(0, pages).Select(_ => (IReadOnlyList<string>)[.. Enumerable.Range(0, ParagraphsPerPage).Select(_ => Sentences(random, 5))])];
    }

    private static string Sentences(Random random, int count)
    {
        var text = new StringBuilder();
        for (var sentence = 0; sentence < count; sentence++)
        {
            var words = Enumerable.Range(0, 8 + random.Next(8)).Select(_ => Vocabulary.Draw(random)).ToList();
            words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
            text.Append(string.Join(' ', words)).Append(". ");
        }

        return text.ToString().TrimEnd();
    }

    private static async Task SignInAsync(HttpClient api)
    {
        var email = $"knowledge-{Guid.NewGuid():N}@example.test";
        (await api.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = "Bench" })).EnsureSuccessStatusCode();
        var login = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
    }

    private static async Task<Guid> CreateProjectAsync(HttpClient api, string name)
    {
        var project = await (await api.PostAsJsonAsync("/api/v1/projects", new { name, locale = "en" })).Content.ReadFromJsonAsync<JsonElement>();
        return project.GetProperty("id").GetGuid();
    }

    private sealed class ZipfVocabulary
    {
        private readonly string[] _words;
        private readonly double[] _cumulative;

        public ZipfVocabulary(string[] topicWords, int size)
        {
            var letters = new Random(11);
            var words = new HashSet<string>(topicWords, StringComparer.Ordinal);
            while (words.Count < size)
            {
                words.Add(new string(Enumerable.Range(0, 4 + letters.Next(6)).Select(_ => (char)('a' + letters.Next(26))).ToArray()));
            }

            _words = [.. topicWords, .. words.Except(topicWords)];
            _cumulative = new double[_words.Length];
            var total = 0.0;
            for (var rank = 0; rank < _words.Length; rank++)
            {
                total += 1.0 / (rank + 1);
                _cumulative[rank] = total;
            }
        }

        public string Draw(Random random)
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
            return _words[Math.Min(index < 0 ? ~index : index, _words.Length - 1)];
        }
    }
}
