using MarketResearch.Domain.FocusGroups;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
using MarketResearch.Domain.Surveys;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Exports;

/// <summary>What an export contains, read lazily in a stable order so that every format streams.</summary>
internal sealed class ProjectExportSource(ResearchDbContext db, Project project)
{
    public Project Project { get; } = project;

    public IAsyncEnumerable<Persona> PersonasAsync() =>
        db.Personas.AsNoTracking().Where(persona => persona.ProjectId == Project.Id)
            .OrderBy(persona => persona.CreatedAt).ThenBy(persona => persona.Slot).ThenBy(persona => persona.Id)
            .AsAsyncEnumerable();

    /// <summary>Focus-group definitions are small; their transcripts are streamed per group.</summary>
    public Task<List<FocusGroup>> FocusGroupsAsync(CancellationToken cancellationToken) =>
        db.FocusGroups.AsNoTracking().Where(group => group.ProjectId == Project.Id).OrderBy(group => group.CreatedAt).ThenBy(group => group.Id).ToListAsync(cancellationToken);

    /// <summary>The transcript of the group's latest run, in speaking order.</summary>
    public IAsyncEnumerable<FocusGroupTurn> TranscriptAsync(FocusGroup group) =>
        db.FocusGroupTurns.AsNoTracking().Where(turn => turn.FocusGroupId == group.Id && turn.JobId == group.LastJobId)
            .OrderBy(turn => turn.Sequence).AsAsyncEnumerable();

    public Task<FocusGroupInsight?> InsightsAsync(FocusGroup group, CancellationToken cancellationToken) =>
        db.FocusGroupInsights.AsNoTracking().FirstOrDefaultAsync(insight => insight.JobId == group.LastJobId, cancellationToken);

    /// <summary>Survey definitions are small; their answers are streamed per survey.</summary>
    public Task<List<Survey>> SurveysAsync(CancellationToken cancellationToken) =>
        db.Surveys.AsNoTracking().Where(survey => survey.ProjectId == Project.Id).OrderBy(survey => survey.CreatedAt).ThenBy(survey => survey.Id).ToListAsync(cancellationToken);

    /// <summary>The answers of the survey's latest completed run, by question then persona.</summary>
    public IAsyncEnumerable<SurveyResponse> SurveyResponsesAsync(Survey survey) =>
        db.SurveyResponses.AsNoTracking().Where(response => response.SurveyId == survey.Id && response.JobId == survey.CompletedJobId)
            .OrderBy(response => response.QuestionIndex).ThenBy(response => response.PersonaId)
            .AsAsyncEnumerable();
}
