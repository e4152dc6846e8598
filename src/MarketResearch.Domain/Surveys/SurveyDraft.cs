namespace MarketResearch.Domain.Surveys;

/// <summary>
/// Body of POST /projects/{id}/surveys. PersonaIds omitted (null) means "every persona the project has when the
/// survey is run"; an explicit list pins the respondents.
/// </summary>
public sealed record SurveyDraft(string? Name, List<SurveyQuestionDraft>? Questions, List<Guid>? PersonaIds = null);

/// <summary>One question as the client sent it; the type stays text so an unknown one is reported, not a parse error.</summary>
public sealed record SurveyQuestionDraft(
    string? Type,
    string? Text,
    List<string?>? Options = null,
    int? MinSelections = null,
    int? MaxSelections = null,
    int? Min = null,
    int? Max = null,
    string? MinLabel = null,
    string? MaxLabel = null);
