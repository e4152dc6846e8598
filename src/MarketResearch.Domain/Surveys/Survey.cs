namespace MarketResearch.Domain.Surveys;

/// <summary>
/// A survey of a project's personas. PersonaIds null means every persona the project has when a run starts (the run
/// fixes that list in its job payload, so a retried run asks the same people). LastJobId is the latest run;
/// CompletedJobId the latest run whose answers were saved, which is what results are computed from.
/// </summary>
public sealed class Survey
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public string Name { get; set; } = string.Empty;
    public List<SurveyQuestion> Questions { get; set; } = [];
    public List<Guid>? PersonaIds { get; set; }
    public SurveyStatus Status { get; set; }
    public Guid? LastJobId { get; set; }
    public Guid? CompletedJobId { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public Guid CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static Survey Create(Guid projectId, string name, IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<Guid>? personaIds, Guid createdBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ProjectId = projectId,
        Name = name.Trim(),
        Questions = [.. questions],
        PersonaIds = personaIds is null ? null : [.. personaIds],
        Status = SurveyStatus.Draft,
        CreatedBy = createdBy,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
