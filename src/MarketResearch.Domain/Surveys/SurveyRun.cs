namespace MarketResearch.Domain.Surveys;

/// <summary>The payload of a survey run: the respondents are fixed when the run is requested, so a retry asks the same people.</summary>
public sealed record SurveyRunPayload(Guid SurveyId, Guid ProjectId, IReadOnlyList<Guid> PersonaIds, long Seed)
{
    public const string JobType = "surveys.run";
}
