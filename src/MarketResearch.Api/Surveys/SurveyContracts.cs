using MarketResearch.Domain.Jobs;
using MarketResearch.Domain.Surveys;

namespace MarketResearch.Api.Surveys;

/// <summary>A survey as the API shows it. PersonaIds null means every persona of the project at run time.</summary>
public sealed record SurveyDetails(
    Guid Id,
    Guid ProjectId,
    string Name,
    IReadOnlyList<SurveyQuestionView> Questions,
    IReadOnlyList<Guid>? PersonaIds,
    string Status,
    Guid? LastJobId,
    Guid? CompletedJobId,
    DateTimeOffset? CompletedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <param name="lastJob">The latest run's job status, when known: a failed or cancelled run shows here even though the worker could not record it.</param>
    public static SurveyDetails From(Survey survey, JobStatus? lastJob = null) => new(
        survey.Id, survey.ProjectId, survey.Name, survey.Questions.Select(SurveyQuestionView.From).ToList(), survey.PersonaIds,
        EffectiveStatus(survey.Status, lastJob).ToString(), survey.LastJobId, survey.CompletedJobId, survey.CompletedAt, survey.CreatedAt, survey.UpdatedAt);

    private static SurveyStatus EffectiveStatus(SurveyStatus stored, JobStatus? lastJob) => lastJob switch
    {
        JobStatus.Failed or JobStatus.DeadLettered when stored is SurveyStatus.Queued or SurveyStatus.Running => SurveyStatus.Failed,
        JobStatus.Cancelled when stored is SurveyStatus.Queued or SurveyStatus.Running => SurveyStatus.Cancelled,
        _ => stored,
    };
}

/// <summary>A question in the shape clients send it (type as its wire name).</summary>
public sealed record SurveyQuestionView(
    string Type,
    string Text,
    IReadOnlyList<string>? Options,
    int? MinSelections,
    int? MaxSelections,
    int? Min,
    int? Max,
    string? MinLabel,
    string? MaxLabel)
{
    public static SurveyQuestionView From(SurveyQuestion question) => new(
        SurveyQuestionTypes.WireNames[(int)question.Type], question.Text, question.Type.HasOptions() ? question.Options : null,
        question.MinSelections, question.MaxSelections, question.Minimum, question.Maximum, question.MinimumLabel, question.MaximumLabel);
}

/// <summary>
/// GET /surveys/{id}/results. Run names the run the numbers come from (the latest completed one); it is null, and
/// Questions empty, while the survey has never completed a run.
/// </summary>
public sealed record SurveyResultsResponse(Guid SurveyId, SurveyRunInfo? Run, int Respondents, IReadOnlyList<QuestionResult> Questions);

public sealed record SurveyRunInfo(Guid JobId, DateTimeOffset? CompletedAt, bool? Offline, int Answers);
