using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.Projects;
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
}
