using System.ComponentModel.DataAnnotations;

namespace MarketResearch.Worker.Surveys;

/// <summary>How a survey run asks its questions (section Surveys).</summary>
public sealed class SurveyRunOptions
{
    public const string Section = "Surveys";

    /// <summary>Answers being asked for at once in one run (the AI layer bounds calls per provider on top).</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>Times one question is put to one persona before its answer counts as unobtainable and the run fails.</summary>
    [Range(1, 10)]
    public int MaxAnswerAttempts { get; set; } = 3;
}
