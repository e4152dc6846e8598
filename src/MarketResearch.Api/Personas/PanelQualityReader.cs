using System.Text.Json;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace MarketResearch.Api.Personas;

/// <summary>Reads one saved panel (a generation job's personas) and measures its quality against the project's current target.</summary>
internal static class PanelQualityReader
{
    private const string StoryField = "backgroundStory";

    /// <summary>The newest panel's job id, or null when the project has no personas yet.</summary>
    public static Task<Guid?> LatestPanelAsync(this ResearchDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        db.Personas.Where(persona => persona.ProjectId == projectId)
            .OrderByDescending(persona => persona.CreatedAt).ThenByDescending(persona => persona.Id)
            .Select(persona => (Guid?)persona.JobId)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Null when the project has no persona from that job.</summary>
    public static async Task<PanelQualityResponse?> MeasureAsync(this ResearchDbContext db, Guid projectId, Guid jobId, CancellationToken cancellationToken)
    {
        var rows = await db.Personas.AsNoTracking()
            .Where(persona => persona.JobId == jobId && persona.ProjectId == projectId)
            .OrderBy(persona => persona.Slot)
            .Select(persona => new { persona.Id, persona.Demographics, persona.Traits, persona.Profile, persona.CreatedAt })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var project = await db.Projects.AsNoTracking().FirstAsync(row => row.Id == projectId, cancellationToken);
        var members = rows.Select(row => new PanelMember(row.Id, row.Demographics, row.Traits, Story(row.Profile))).ToList();
        var report = PanelQualityMeasure.Measure(members, project.Audience, project.Locale);
        return new PanelQualityResponse(jobId, rows.Count, rows.Max(row => row.CreatedAt), report.Fit, report.TraitSpread, report.StoryDistinctness);
    }

    private static string Story(JsonDocument profile) =>
        profile.RootElement.ValueKind == JsonValueKind.Object && profile.RootElement.TryGetProperty(StoryField, out var story) && story.ValueKind == JsonValueKind.String
            ? story.GetString()!
            : string.Empty;
}
