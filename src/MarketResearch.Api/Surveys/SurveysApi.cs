using System.Security.Claims;
using MarketResearch.Api.Identity;
using MarketResearch.Api.Infrastructure;
using MarketResearch.Api.Jobs;
using MarketResearch.Api.Projects;
using MarketResearch.Api.ReadCache;
using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using MarketResearch.Domain.ReadCache;
using MarketResearch.Domain.Surveys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Surveys;

/// <summary>Surveys of a project's personas: definitions, runs as jobs, and results computed from the stored answers.</summary>
internal static class SurveysApi
{
    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var surveys = app.MapGroup("/api/v1").WithTags("Surveys").RequireAuthorization();
        surveys.MapGet("/projects/{id:guid}/surveys", ListSurveys).WithName("ListSurveys");
        surveys.MapPost("/projects/{id:guid}/surveys", CreateSurvey).WithName("CreateSurvey");
        surveys.MapGet("/surveys/{id:guid}", GetSurvey).WithName("GetSurvey");
        surveys.MapPost("/surveys/{id:guid}/run", RunSurvey).WithName("RunSurvey");
        surveys.MapGet("/surveys/{id:guid}/results", GetResults).WithName("GetSurveyResults");
        return app;
    }

    private static async Task<Results<Ok<Page<SurveyDetails>>, ValidationProblem, ProblemHttpResult>> ListSurveys(
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

        var surveys = await db.Surveys.AsNoTracking().Where(survey => survey.ProjectId == id)
            .ToPageAsync(page, survey => survey.CreatedAt, survey => survey.Id, survey => new PageCursor(survey.CreatedAt, survey.Id),
                survey => survey, cancellationToken);
        var jobs = await LastJobStatusesAsync(db, surveys.Items, cancellationToken);
        return TypedResults.Ok(new Page<SurveyDetails>(
            surveys.Items.Select(survey => SurveyDetails.From(survey, survey.LastJobId is { } job ? jobs.GetValueOrDefault(job) : null)).ToList(),
            surveys.NextCursor));
    }

    private static async Task<Results<Created<SurveyDetails>, ValidationProblem, ProblemHttpResult>> CreateSurvey(
        Guid id, SurveyDraft draft, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var role = await access.RoleAsync(id, principal.Id(), cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("project", id);
        }

        if (!role.Value.CanWrite())
        {
            return Problems.Forbidden("editors and owners can create surveys");
        }

        var errors = SurveyDraftValidator.Validate(draft, out var questions).ToDictionary();
        if (draft.PersonaIds is { Count: > 0 and <= SurveyDraftValidator.MaxPersonaIds } listed)
        {
            foreach (var (field, message) in await UnknownPersonasAsync(db, id, listed, cancellationToken))
            {
                errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var survey = Survey.Create(id, draft.Name!, questions, draft.PersonaIds, principal.Id(), clock.GetUtcNow());
        db.Surveys.Add(survey);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/surveys/{survey.Id}", SurveyDetails.From(survey));
    }

    private static async Task<Results<Ok<SurveyDetails>, ProblemHttpResult>> GetSurvey(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(row => row.Id == id, cancellationToken);
        if (survey is null || await access.RoleAsync(survey.ProjectId, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("survey", id);
        }

        var jobs = await LastJobStatusesAsync(db, [survey], cancellationToken);
        return TypedResults.Ok(SurveyDetails.From(survey, survey.LastJobId is { } job ? jobs.GetValueOrDefault(job) : null));
    }

    private static async Task<Results<Accepted<JobAccepted>, ProblemHttpResult>> RunSurvey(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, JobQueue queue, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.FirstOrDefaultAsync(row => row.Id == id, cancellationToken);
        var role = survey is null ? null : await access.RoleAsync(survey.ProjectId, principal.Id(), cancellationToken);
        if (survey is null || role is null)
        {
            return Problems.NotFound("survey", id);
        }

        if (!role.Value.CanWrite())
        {
            return Problems.Forbidden("editors and owners can run surveys");
        }

        if (survey.LastJobId is { } lastJob && await db.Jobs.AnyAsync(job => job.Id == lastJob && (job.Status == JobStatus.Queued || job.Status == JobStatus.Running), cancellationToken))
        {
            return Conflict("The survey is already running.", $"Wait for job {lastJob} to finish, or cancel it.");
        }

        var personaIds = await RespondentsAsync(db, survey, cancellationToken);
        if (personaIds.Count == 0)
        {
            return Conflict("The survey has no one to ask.", "The project has no personas yet: generate personas first.");
        }

        if (survey.PersonaIds is { } listed && personaIds.Count != listed.Count)
        {
            return Conflict("Some of the survey's personas no longer exist.", $"{listed.Count - personaIds.Count} of the listed personas were removed from the project.");
        }

        var job = queue.Enqueue(SurveyRunPayload.JobType, new SurveyRunPayload(survey.Id, survey.ProjectId, personaIds, Random.Shared.NextInt64(1, long.MaxValue)),
            principal.Id(), survey.ProjectId);
        survey.LastJobId = job.Id;
        survey.Status = SurveyStatus.Queued;
        survey.UpdatedAt = clock.GetUtcNow();
        // The survey's new state and its job commit together.
        await queue.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"/api/v1/jobs/{job.Id}", JobAccepted.For(job));
    }

    private static async Task<Results<Ok<SurveyResultsResponse>, ProblemHttpResult>> GetResults(
        Guid id, ClaimsPrincipal principal, ProjectAccess access, ResearchDbContext db, IOptions<SurveyResultsOptions> options,
        ProjectReadCache readCache, CancellationToken cancellationToken)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(row => row.Id == id, cancellationToken);
        if (survey is null || await access.RoleAsync(survey.ProjectId, principal.Id(), cancellationToken) is null)
        {
            return Problems.NotFound("survey", id);
        }

        if (survey.CompletedJobId is not { } jobId)
        {
            return TypedResults.Ok(new SurveyResultsResponse(survey.Id, null, 0, []));
        }

        // Every answer row read and all the statistics computed once per completed run, not per read; a run's success
        // replaces the project's survey version (the worker), so a re-run or rewritten run is never served stale.
        return TypedResults.Ok(await readCache.GetOrCreateAsync(survey.ProjectId, ProjectReadVersions.Surveys, $"results:{id:N}:{jobId:N}",
            token => new ValueTask<SurveyResultsResponse>(ComputeResultsAsync(db, survey, jobId, options.Value.MaxThemes, token)), cancellationToken));
    }

    private static async Task<SurveyResultsResponse> ComputeResultsAsync(ResearchDbContext db, Survey survey, Guid jobId, int maxThemes, CancellationToken cancellationToken)
    {
        var rows = await db.SurveyResponses.AsNoTracking().Where(row => row.SurveyId == survey.Id && row.JobId == jobId).ToListAsync(cancellationToken);
        var personaIds = rows.Select(row => row.PersonaId).Distinct().ToList();
        var demographics = await db.Personas.AsNoTracking().Where(persona => personaIds.Contains(persona.Id))
            .ToDictionaryAsync(persona => persona.Id, persona => (IReadOnlyDictionary<string, string>)persona.Demographics, cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(row => row.Id == jobId, cancellationToken);
        var offline = job?.Result?.RootElement.TryGetProperty("offline", out var flag) == true ? flag.GetBoolean() : (bool?)null;

        var results = SurveyStatistics.Compute(survey.Questions,
            rows.Select(row => new RespondentAnswer(row.PersonaId, row.QuestionIndex, row.Answer)).ToList(), demographics, maxThemes);
        return new SurveyResultsResponse(survey.Id, new SurveyRunInfo(jobId, survey.CompletedAt, offline, rows.Count), results.Respondents, results.Questions);
    }

    /// <summary>Listed ids that are not personas of this project; another project's persona reads the same as a missing one.</summary>
    private static async Task<IEnumerable<(string Field, string Message)>> UnknownPersonasAsync(
        ResearchDbContext db, Guid projectId, List<Guid> listed, CancellationToken cancellationToken)
    {
        var known = (await db.Personas.AsNoTracking().Where(persona => persona.ProjectId == projectId && listed.Contains(persona.Id))
            .Select(persona => persona.Id).ToListAsync(cancellationToken)).ToHashSet();
        return listed.Select((personaId, index) => (personaId, index))
            .Where(entry => !known.Contains(entry.personaId))
            .Select(entry => ($"personaIds[{entry.index}]", $"No persona {entry.personaId} exists in this project."));
    }

    /// <summary>The people a run asks: the listed personas that still exist, or every persona of the project, oldest first.</summary>
    private static async Task<List<Guid>> RespondentsAsync(ResearchDbContext db, Survey survey, CancellationToken cancellationToken)
    {
        var personas = db.Personas.AsNoTracking().Where(persona => persona.ProjectId == survey.ProjectId);
        if (survey.PersonaIds is { } listed)
        {
            personas = personas.Where(persona => listed.Contains(persona.Id));
        }

        return await personas.OrderBy(persona => persona.CreatedAt).ThenBy(persona => persona.Id).Select(persona => persona.Id).ToListAsync(cancellationToken);
    }

    private static async Task<Dictionary<Guid, JobStatus>> LastJobStatusesAsync(ResearchDbContext db, IEnumerable<Survey> surveys, CancellationToken cancellationToken)
    {
        var jobIds = surveys.Select(survey => survey.LastJobId).OfType<Guid>().ToList();
        return jobIds.Count == 0
            ? []
            : await db.Jobs.AsNoTracking().Where(job => jobIds.Contains(job.Id)).ToDictionaryAsync(job => job.Id, job => job.Status, cancellationToken);
    }

    private static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}
