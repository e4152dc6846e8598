using System.Security.Claims;
using System.Security.Cryptography;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Projects;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Knowledge;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Documents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Knowledge;

/// <summary>A project's knowledge base: uploads (ingested by a job), their status, deletion.</summary>
internal static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        // Bearer-token API: no cookie, so no cross-site form post to defend against.
        app.MapPost("/api/v1/projects/{id:guid}/documents", Upload).WithTags("Knowledge").RequireAuthorization().WithName("UploadDocument").DisableAntiforgery();
        app.MapGet("/api/v1/projects/{id:guid}/documents", List).WithTags("Knowledge").RequireAuthorization().WithName("ListDocuments");
        app.MapGet("/api/v1/documents/{id:guid}", Get).WithTags("Knowledge").RequireAuthorization().WithName("GetDocument");
        app.MapDelete("/api/v1/documents/{id:guid}", Delete).WithTags("Knowledge").RequireAuthorization().WithName("DeleteDocument");
        return app;
    }

    private static async Task<Results<Accepted<DocumentResponse>, ProblemHttpResult>> Upload(
        Guid id, HttpRequest request, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, JobQueue queue,
        DocumentInspector inspector, IOptions<KnowledgeOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var role = await access.RoleAsync(id, principal.Id(), cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!role.Value.CanWrite())
        {
            return Problems.Forbidden("editors and owners can upload documents");
        }

        var (file, problem) = await DocumentUpload.ReadAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var bytes = new byte[file!.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes, cancellationToken);
        }

        var name = DocumentName(file.FileName);
        var inspected = inspector.Inspect(bytes, name, out var rejection);
        if (rejection is not null)
        {
            return TypedResults.Problem(statusCode: rejection.StatusCode, title: rejection.Title, detail: rejection.Detail);
        }

        var now = clock.GetUtcNow();
        var documentId = Guid.CreateVersion7(now);
        var job = queue.Enqueue(DocumentIngestionPayload.JobType, new DocumentIngestionPayload(documentId), principal.Id(), id);
        var document = new KnowledgeDocument
        {
            Id = documentId,
            ProjectId = id,
            Name = name,
            Kind = inspected.Kind,
            SizeBytes = bytes.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Status = DocumentStatus.Queued,
            PageCount = inspected.PageCount,
            JobId = job.Id,
            UploadedBy = principal.Id(),
            CreatedAt = now,
        };
        db.KnowledgeDocuments.Add(document);
        db.KnowledgeDocumentContents.Add(new KnowledgeDocumentContent { DocumentId = documentId, Bytes = bytes });
        // Document, bytes and job commit together: nothing is half-stored.
        await queue.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/documents/{documentId}", DocumentResponse.From(document));
    }

    private static async Task<Results<Ok<Page<DocumentResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, IOptions<ApiOptions> options,
        int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (await access.RoleAsync(id, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!PageRequest.TryCreate(limit, cursor, options.Value, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await db.KnowledgeDocuments.AsNoTracking().Where(document => document.ProjectId == id)
            .ToPageAsync(page, document => document.CreatedAt, document => document.Id, document => new PageCursor(document.CreatedAt, document.Id),
                DocumentResponse.From, cancellationToken));
    }

    private static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        var document = await db.KnowledgeDocuments.AsNoTracking().FirstOrDefaultAsync(row => row.Id == id, cancellationToken);
        if (document is null || await access.RoleAsync(document.ProjectId, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("document", id);
        }

        return TypedResults.Ok(DocumentResponse.From(document));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, JobQueue queue, CancellationToken cancellationToken)
    {
        var document = await db.KnowledgeDocuments.AsNoTracking().FirstOrDefaultAsync(row => row.Id == id, cancellationToken);
        var role = document is null ? null : await access.RoleAsync(document.ProjectId, principal.Id(), cancellationToken);
        if (document is null || role is null)
        {
            return Problems.NotFound("document", id);
        }

        if (!role.Value.CanWrite())
        {
            return Problems.Forbidden("editors and owners can delete documents");
        }

        // Chunks (with their embeddings) and the stored bytes go with the row (ON DELETE CASCADE).
        await db.KnowledgeDocuments.Where(row => row.Id == id).ExecuteDeleteAsync(cancellationToken);
        // An ingestion still queued has nothing left to do; a running one finds the row gone and stops.
        await queue.RequestCancelAsync(document.JobId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The file name without any path a client sent, within the column's length.</summary>
    private static string DocumentName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/')).Trim();
        if (name.Length == 0)
        {
            name = "document";
        }

        return name.Length > KnowledgeLimits.MaxNameLength ? name[..KnowledgeLimits.MaxNameLength] : name;
    }
}
