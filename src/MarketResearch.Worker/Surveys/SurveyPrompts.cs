using System.Text.Json;
using System.Globalization;
using MarketResearch.AI.PromptTemplates;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Surveys;

namespace MarketResearch.Worker.Surveys;

/// <summary>The survey prompts; their wording lives in Prompts/survey-answer*.v1.txt.</summary>
internal static class SurveyPrompts
{
    private static readonly PromptTemplate SystemTemplate = PromptTemplate.Load(typeof(SurveyPrompts).Assembly, "survey-answer-system", 1);
    private static readonly PromptTemplate QuestionTemplate = PromptTemplate.Load(typeof(SurveyPrompts).Assembly, "survey-answer", 1);
    private static readonly PromptTemplate RetryTemplate = PromptTemplate.Load(typeof(SurveyPrompts).Assembly, "survey-answer-retry", 1);

    public static string Version => QuestionTemplate.Id;

    public static string System(Persona persona) => SystemTemplate.Render(new Dictionary<string, string?>
    {
        ["name"] = persona.Name,
        ["demographics"] = string.Join('\n', persona.Demographics.Select(pair => $"- {pair.Key}: {pair.Value}")),
        ["headline"] = ProfileText(persona, "headline"),
        ["background"] = ProfileText(persona, "backgroundStory"),
        ["traits"] = string.Join('\n', persona.Traits.Select(pair => string.Create(CultureInfo.InvariantCulture, $"- {pair.Key}: {pair.Value:0.00}"))),
    });

    public static string Question(string survey, int index, int count, SurveyQuestion question) => QuestionTemplate.Render(new Dictionary<string, string?>
    {
        ["survey"] = survey,
        ["number"] = (index + 1).ToString(CultureInfo.InvariantCulture),
        ["count"] = count.ToString(CultureInfo.InvariantCulture),
        ["question"] = question.Text,
        ["instructions"] = Instructions(question),
        ["options"] = question.Type.HasOptions() ? "Options:\n" + string.Join('\n', question.Options.Select(option => $"- {option}")) : null,
    });

    public static string Retry(IEnumerable<string> errors) => RetryTemplate.Render(new Dictionary<string, string?>
    {
        ["errors"] = string.Join('\n', errors.Select(error => $"- {error}")),
    });

    private static string Instructions(SurveyQuestion question) => question.Type switch
    {
        SurveyQuestionType.SingleChoice => "Choose exactly one option, written exactly as listed.",
        SurveyQuestionType.MultipleChoice => string.Create(CultureInfo.InvariantCulture,
            $"Choose between {question.MinSelections} and {question.MaxSelections} options that apply to you, each written exactly as listed."),
        SurveyQuestionType.RatingScale => string.Create(CultureInfo.InvariantCulture,
            $"Rate with a whole number from {question.Minimum}{Label(question.MinimumLabel)} to {question.Maximum}{Label(question.MaximumLabel)}."),
        _ => "Answer in your own words, in one to three sentences.",
    };

    private static string Label(string? label) => label is null ? string.Empty : $" ({label})";

    private static string? ProfileText(Persona persona, string property) =>
        persona.Profile.RootElement.ValueKind == JsonValueKind.Object
        && persona.Profile.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
