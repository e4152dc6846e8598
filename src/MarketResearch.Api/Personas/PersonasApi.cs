using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Jobs;
using MarketResearch.Api.Projects;
using MarketResearch.Api.ReadCache;
using MarketResearch.Api.Security;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using MarketResearch.Domain.ReadCache;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Personas;

/// <summary>Persona panels: generation as a job, and the saved personas.</summary>
internal static class PersonasApi
{
    public static IEndpointRouteBuilder MapPersonasApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/projects/{id:guid}/personas/generate", Generate).WithTags("Personas").RequireAuthorization().WithName("GeneratePersonas");
        app.MapGet("/api/v1/projects/{id:guid}/personas", ListPersonas).WithTags("Personas").RequireAuthorization().WithName("ListPersonas");
        app.MapGet("/api/v1/projects/{id:guid}/personas/quality", GetPanelQuality).WithTags("Personas").RequireAuthorization().WithName("GetPanelQuality");
        app.MapGet("/api/v1/personas/{id:guid}", GetPersona).WithTags("Personas").RequireAuthorization().WithName("GetPersona");
        return app;
    }

    private static async Task<Results<Accepted<JobAccepted>, ValidationProblem, ProblemHttpResult>> Generate(
        Guid id, PersonaGenerationRequest request, ClaimsPrincipal principal, HttpContext http, ProjectAccess access, ResearchDbContext db,
        JobQueue queue, DistributedRateLimiter limiter, IOptions<RateLimitOptions> limits, CancellationToken cancellationToken)
    {
        var role = await access.RoleAsync(id, principal.Id(), cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!role.Value.CanWrite())
        {
            return Problems.Forbidden("editors and owners can generate personas");
        }

        var project = await db.Projects.AsNoTracking().FirstAsync(row => row.Id == id, cancellationToken);
        var seed = request.Seed ?? Random.Shared.NextInt64(1, long.MaxValue);
        var errors = request.Count is null
            ? new Dictionary<string, string[]> { ["count"] = [$"count is required ({PanelPlanner.MinCount}-{PanelPlanner.MaxCount})."] }
            : PanelPlanner.Validate(new PanelRequest(project.Audience, project.Locale, request.Count.Value, seed, new AdversarialOptions(request.Adversarial ?? false)));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // Counted only for valid requests: a typo should not cost one of the hour's generations.
        if (await limiter.TryAcquireAsync(RateLimitPolicies.PersonaGeneration, $"user:{principal.Id():N}", limits.Value.PersonaGeneration) is { } wait)
        {
            return RateLimitResults.TooManyRequests(http, wait);
        }

        var job = queue.Enqueue(PersonaGenerationRequest.JobType,
            new PersonaGenerationPayload(id, request.Count!.Value, request.Adversarial ?? false, seed, request.UseKnowledge ?? false),
            principal.Id(), id);
        await queue.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobAccepted.For(job));
    }

    /// <summary>Keyset-paged, filtered (see <see cref="PersonaFilter"/>), cached until the project's personas change.</summary>
    private static async Task<Results<Ok<Page<PersonaListItem>>, ValidationProblem, ProblemHttpResult>> ListPersonas(
        Guid id, ClaimsPrincipal principal, HttpRequest request, ProjectAccess access, ResearchDbContext db, ProjectReadCache readCache,
        IOptions<ApiOptions> options, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        // The cache's version token (Redis) is read while the membership check (Postgres) runs: one round trip of waiting, not two.
        var version = readCache.CurrentVersionAsync(id, ProjectReadVersions.Personas);
        var role = await access.RoleAsync(id, principal.Id(), cancellationToken);
        var currentVersion = await version;
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        var pageValid = PageRequest.TryCreate(limit, cursor, options.Value, out var page, out var errors);
        if (!PersonaFilter.TryParse(request.Query, out var filter, out var filterErrors) || !pageValid)
        {
            return TypedResults.ValidationProblem(errors.Concat(filterErrors).ToDictionary(StringComparer.Ordinal));
        }

        var key = $"page:{page.Limit}:{cursor}:{filter.CacheKey()}";
        return TypedResults.Ok(await readCache.GetOrCreateAsync(currentVersion, id, ProjectReadVersions.Personas, key, async token =>
            await db.Personas(id, filter).ListItems()
                .ToPageAsync(page, persona => persona.CreatedAt, persona => persona.Id, persona => new PageCursor(persona.CreatedAt, persona.Id),
                    persona => persona, token), cancellationToken));
    }

    /// <summary>The latest panel's quality, or the panel of <paramref name="jobId"/>; measured on the saved rows, then cached.</summary>
    private static async Task<Results<Ok<PanelQualityResponse>, ProblemHttpResult>> GetPanelQuality(
        Guid id, Guid? jobId, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, ProjectReadCache readCache, CancellationToken cancellationToken)
    {
        if (await access.RoleAsync(id, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("project", id);
        }

        var quality = await readCache.GetOrCreateAsync(id, ProjectReadVersions.Personas, $"quality:{jobId:N}", async token =>
            await db.LatestPanelAsync(id, token) is { } latest ? await db.MeasureAsync(id, jobId ?? latest, token) : null, cancellationToken);
        return quality is null ? Problems.NotFound("panel", jobId ?? id) : TypedResults.Ok(quality);
    }

    private static async Task<Results<Ok<PersonaResponse>, ProblemHttpResult>> GetPersona(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        var persona = await db.Personas.AsNoTracking().FirstOrDefaultAsync(row => row.Id == id, cancellationToken);
        if (persona is null || await access.RoleAsync(persona.ProjectId, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("persona", id);
        }

        return TypedResults.Ok(PersonaResponse.From(persona));
    }
}
