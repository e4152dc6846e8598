namespace MarketResearch.Domain.Surveys;

/// <summary>Where a survey is in its life: defined, its latest run queued or running, or that run's outcome.</summary>
public enum SurveyStatus
{
    Draft,
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}
