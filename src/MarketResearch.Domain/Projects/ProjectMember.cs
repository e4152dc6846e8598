namespace MarketResearch.Domain.Projects;

/// <summary>A user's role in a project; non-members cannot see the project at all.</summary>
public sealed class ProjectMember
{
    public Guid ProjectId { get; set; }
    public Guid UserId { get; set; }
    public ProjectRole Role { get; set; }
    public DateTimeOffset AddedAt { get; set; }
}

public enum ProjectRole
{
    Viewer = 0,
    Editor = 1,
    Owner = 2,
}

public static class ProjectRoles
{
    public static bool CanRead(this ProjectRole role) => role >= ProjectRole.Viewer;
    public static bool CanWrite(this ProjectRole role) => role >= ProjectRole.Editor;
    public static bool CanManage(this ProjectRole role) => role == ProjectRole.Owner;

    public static bool TryParse(string? text, out ProjectRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);
}
