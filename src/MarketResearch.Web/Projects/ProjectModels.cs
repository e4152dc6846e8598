using MarketResearch.Domain.Projects;

namespace MarketResearch.Web.Projects;

public sealed record ProjectDetails(
    Guid Id,
    string Name,
    string? Description,
    string? Objectives,
    string Locale,
    AudienceDetails Audience,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record AudienceDetails(Dictionary<string, Dictionary<string, double>>? Distributions, string? Description)
{
    public TargetAudience ToTarget() => TargetAudience.From(new AudienceDraft(
        (Distributions ?? []).ToDictionary(category => category.Key, category => (Dictionary<string, double>?)category.Value), Description));
}

public sealed record ProjectMemberDetails(Guid UserId, string Email, string DisplayName, string Role, DateTimeOffset AddedAt);

/// <summary>What one page of a project needs: the project and what the signed-in user may do with it.</summary>
public sealed record ProjectView(ProjectDetails Project, ProjectRole Role)
{
    public bool CanEdit => Role.CanWrite();
    public bool CanManage => Role.CanManage();
}
