using MarketResearch.Domain.Projects;

namespace MarketResearch.Api.Projects;

public sealed record ProjectResponse(
    Guid Id,
    string Name,
    string? Description,
    string? Objectives,
    string Locale,
    AudienceResponse Audience,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProjectResponse From(Project project) => new(
        project.Id,
        project.Name,
        project.Description,
        project.Objectives,
        project.Locale,
        new AudienceResponse(project.Audience.Distributions, project.Audience.Description),
        project.CreatedAt,
        project.UpdatedAt);
}

public sealed record AudienceResponse(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Distributions,
    string? Description);
