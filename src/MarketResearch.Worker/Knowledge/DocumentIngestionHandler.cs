using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Persistence;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Chunking;
using MarketResearch.Knowledge.Documents;
using MarketResearch.Knowledge.Search;
using System.Diagnostics;
using MarketResearch.Worker.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Knowledge;

/// <summary>
/// Reads a stored document, chunks it, embeds the chunks in batches and writes them in one transaction that first
/// removes whatever an earlier attempt wrote: re-runs leave exactly one set of chunks. A document deleted meanwhile
/// ends the job quietly.
/// </summary>
internal sealed class DocumentIngestionHandler(
    IServiceScopeFactory scopes, IEmbeddingGenerator<string, Embedding<float>> embeddings, IOptions<KnowledgeOptions> options, TimeProvider clock,
    ILogger<DocumentIngestionHandler> logger) : IJobHandler
{
    private const double ExtractedProgress = 0.1;
    private const double EmbeddedProgress = 0.95;

    public string JobType => DocumentIngestionPayload.JobType;

    public async Task<object?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<DocumentIngestionPayload>();
        var stages = new IngestionStages();
        var stage = Stopwatch.StartNew();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
        var document = await db.KnowledgeDocuments.AsNoTracking().FirstOrDefaultAsync(row => row.Id == payload.DocumentId, cancellationToken);
        var bytes = await db.KnowledgeDocumentContents.AsNoTracking().Where(row => row.DocumentId == payload.DocumentId)
            .Select(row => row.Bytes).FirstOrDefaultAsync(cancellationToken);
        if (document is null || bytes is null)
        {
            return new { deleted = true };
        }

        var locale = await db.Projects.AsNoTracking().Where(project => project.Id == document.ProjectId).Select(project => project.Locale).FirstAsync(cancellationToken);
        stages.Load = stage.Elapsed;
        stage.Restart();
        await ReportAsync(db, context, document.Id, DocumentStatus.Processing, 0, "Reading the document", cancellationToken);
        stages.Progress += stage.Elapsed;
        stage.Restart();

        ExtractedText text;
        try
        {
            // PDF parsing is CPU-bound and synchronous.
            text = await Task.Run(() => DocumentReader.Read(document.Kind, bytes, cancellationToken), cancellationToken);
        }
        catch (DocumentRejectedException rejected)
        {
            await FailAsync(db, document.Id, rejected.Rejection.Detail, cancellationToken);
            throw new JobPayloadException(rejected.Rejection.Detail);
        }

        stages.Extraction = stage.Elapsed;
        stage.Restart();
        var settings = options.Value;
        var drafts = DocumentChunker.Chunk(text.Blocks, settings.ChunkCharacters, settings.ChunkOverlapCharacters);
        if (drafts.Count == 0)
        {
            const string NoText = "No text could be extracted (a scanned PDF needs OCR first).";
            await FailAsync(db, document.Id, NoText, cancellationToken);
            throw new JobPayloadException(NoText);
        }

        stages.Chunking = stage.Elapsed;
        stage.Restart();
        await ReportAsync(db, context, document.Id, DocumentStatus.Processing, ExtractedProgress, $"Read {drafts.Count} passages", cancellationToken);
        stages.Progress += stage.Elapsed;
        stage.Restart();
        long progressTicks = 0;
        var batches = drafts.Chunk(settings.EmbeddingBatchSize).ToList();
        var embedded = new float[batches.Count][][];
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, batches.Count),
            new ParallelOptions { MaxDegreeOfParallelism = settings.EmbeddingParallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                // The heading path gives a passage the context its own words may lack.
                var generated = await embeddings.GenerateAsync(
                    batches[index].Select(draft => draft.Section is null ? draft.Text : $"{draft.Section}\n{draft.Text}"), cancellationToken: token);
                embedded[index] = generated.Select(embedding =>
                {
                    var vector = embedding.Vector.ToArray();
                    VectorMatrix.Normalize(vector);
                    return vector;
                }).ToArray();
                var finished = Interlocked.Add(ref done, batches[index].Length);
                var reporting = Stopwatch.GetTimestamp();
                await context.ReportProgressAsync(
                    ExtractedProgress + ((EmbeddedProgress - ExtractedProgress) * finished / drafts.Count), $"Embedded {finished} of {drafts.Count} passages", token);
                Interlocked.Add(ref progressTicks, Stopwatch.GetTimestamp() - reporting);
            });
        var vectors = embedded.SelectMany(batch => batch).ToList();
        var embeddingProgress = Stopwatch.GetElapsedTime(0, progressTicks);
        stages.Embedding = stage.Elapsed - embeddingProgress;
        stages.Progress += embeddingProgress;
        stage.Restart();
        await ReportAsync(db, context, document.Id, DocumentStatus.Processing, EmbeddedProgress, "Saving the passages", cancellationToken);
        stages.Progress += stage.Elapsed;
        stage.Restart();

        var now = clock.GetUtcNow();
        var chunks = drafts.Select((draft, index) => new KnowledgeChunk
        {
            Id = Guid.CreateVersion7(now),
            DocumentId = document.Id,
            ProjectId = document.ProjectId,
            Ordinal = draft.Ordinal,
            Text = draft.Text,
            Page = draft.Page,
            Section = draft.Section is { Length: > KnowledgeLimits.MaxSectionLength } path ? path[..KnowledgeLimits.MaxSectionLength] : draft.Section,
            Locale = locale,
            Embedding = vectors[index],
        }).ToList();

        var saved = await SaveReplacingEarlierAttemptsAsync(db, document.Id, chunks, text.PageCount, now, cancellationToken);
        stages.Insert = stage.Elapsed;
        stage.Restart();
        if (!saved)
        {
            return new { deleted = true };
        }

        await context.ReportProgressAsync(1, $"Indexed {chunks.Count} passages", cancellationToken);
        stages.Progress += stage.Elapsed;
        var timings = stages.ToMilliseconds();
        logger.LogInformation(
            "Ingested document {DocumentId}: {Chunks} chunks, {Pages} pages; stage milliseconds {@Stages}", document.Id, chunks.Count, text.PageCount, timings);
        return new { documentId = document.Id, chunks = chunks.Count, pages = text.PageCount, stageMilliseconds = timings };
    }

    private static async Task<bool> SaveReplacingEarlierAttemptsAsync(
        ResearchDbContext db, Guid documentId, List<KnowledgeChunk> chunks, int? pageCount, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Locks the document row: a concurrent delete either happened already (0 rows) or waits for this commit.
            var marked = await db.KnowledgeDocuments.Where(row => row.Id == documentId).ExecuteUpdateAsync(set => set
                .SetProperty(row => row.Status, DocumentStatus.Ready)
                .SetProperty(row => row.Progress, 1)
                .SetProperty(row => row.Error, (string?)null)
                .SetProperty(row => row.ChunkCount, chunks.Count)
                .SetProperty(row => row.PageCount, pageCount)
                .SetProperty(row => row.IndexedAt, now), cancellationToken);
            if (marked == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await db.KnowledgeChunks.Where(row => row.DocumentId == documentId).ExecuteDeleteAsync(cancellationToken);
            db.KnowledgeChunks.AddRange(chunks);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return true;
        });
    }

    private static async Task ReportAsync(
        ResearchDbContext db, JobContext context, Guid documentId, DocumentStatus status, double progress, string message, CancellationToken cancellationToken)
    {
        await db.KnowledgeDocuments.Where(row => row.Id == documentId).ExecuteUpdateAsync(set => set
            .SetProperty(row => row.Status, status)
            .SetProperty(row => row.Progress, progress), cancellationToken);
        await context.ReportProgressAsync(progress, message, cancellationToken);
    }

    private static Task FailAsync(ResearchDbContext db, Guid documentId, string error, CancellationToken cancellationToken) =>
        db.KnowledgeDocuments.Where(row => row.Id == documentId).ExecuteUpdateAsync(set => set
            .SetProperty(row => row.Status, DocumentStatus.Failed)
            .SetProperty(row => row.Error, error.Length > KnowledgeLimits.MaxErrorLength ? error[..KnowledgeLimits.MaxErrorLength] : error), cancellationToken);
}
