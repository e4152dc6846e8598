namespace MarketResearch.Domain.Surveys;

/// <summary>
/// One persona's answer to one question in one run (row of survey_responses). (JobId, PersonaId, QuestionIndex) is
/// unique: a run that executes again replaces its own rows. Exactly one of the typed answer columns is set,
/// by question type: OptionIndexes (choice), Rating (rating scale) or Text (open text).
/// </summary>
public sealed class SurveyResponse
{
    public long Id { get; set; }
    public Guid SurveyId { get; set; }
    public Guid JobId { get; set; }
    public Guid PersonaId { get; set; }
    public int QuestionIndex { get; set; }
    public int[]? OptionIndexes { get; set; }
    public int? Rating { get; set; }
    public string? Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public SurveyAnswer Answer => new(OptionIndexes, Rating, Text);
}

/// <summary>A valid answer in its typed form.</summary>
public sealed record SurveyAnswer(IReadOnlyList<int>? OptionIndexes, int? Rating, string? Text)
{
    public static SurveyAnswer Options(IReadOnlyList<int> indexes) => new(indexes, null, null);

    public static SurveyAnswer OfRating(int rating) => new(null, rating, null);

    public static SurveyAnswer OfText(string text) => new(null, null, text);
}
