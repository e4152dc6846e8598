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

    /// <summary>Survey definitions are small; their answers are streamed per survey.</summary>
    public Task<List<Survey>> SurveysAsync(CancellationToken cancellationToken) =>
        db.Surveys.AsNoTracking().Where(survey => survey.ProjectId == Project.Id).OrderBy(survey => survey.CreatedAt).ThenBy(survey => survey.Id).ToListAsync(cancellationToken);

    /// <summary>The answers of the survey's latest completed run, by question then persona.</summary>
    public IAsyncEnumerable<SurveyResponse> SurveyResponsesAsync(Survey survey) =>
        db.SurveyResponses.AsNoTracking().Where(response => response.SurveyId == survey.Id && response.JobId == survey.CompletedJobId)
            .OrderBy(response => response.QuestionIndex).ThenBy(response => response.PersonaId)
            .AsAsyncEnumerable();
}
