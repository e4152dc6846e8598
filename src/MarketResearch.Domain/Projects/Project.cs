namespace MarketResearch.Domain.Projects;

/// <summary>A research project: the audience it studies and what the researcher wants to learn.</summary>
public sealed class Project
{
    private Project()
    {
        Name = string.Empty;
        Locale = Locales.English;
        Audience = TargetAudience.Empty;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }
    public string? Objectives { get; private set; }
    public string Locale { get; private set; }
    public TargetAudience Audience { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Creates a project from a draft that <see cref="ProjectDraftValidator"/> accepted.</summary>
    public static Project Create(ProjectDraft draft, DateTimeOffset now)
    {
        var project = new Project { Id = Guid.CreateVersion7(now), CreatedAt = now };
        project.Apply(draft, now);
        return project;
    }

    public void Update(ProjectDraft draft, DateTimeOffset now) => Apply(draft, now);

    private void Apply(ProjectDraft draft, DateTimeOffset now)
    {
        Name = draft.Name!.Trim();
        Description = Normalise(draft.Description);
        Objectives = Normalise(draft.Objectives);
        Locale = draft.Locale ?? Locales.English;
        Audience = TargetAudience.From(draft.Audience);
        UpdatedAt = now;
    }

    private static string? Normalise(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
