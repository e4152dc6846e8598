using System.Text.Json;
using MarketResearch.AI;
using MarketResearch.AI.Structured;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Surveys;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Surveys;

/// <summary>A persona's valid answer to one question, and what it took to get it.</summary>
internal sealed record ObtainedAnswer(SurveyAnswer Answer, int Attempts, IReadOnlyList<string> Repairs);

/// <summary>An answer that stayed invalid for its question after every allowed attempt; the run fails rather than guess.</summary>
internal sealed class SurveyAnswerException(string persona, int questionIndex, int attempts, IReadOnlyList<string> errors)
    : Exception($"{persona} gave no valid answer to question {questionIndex} in {attempts} attempt(s): {string.Join("; ", errors)}");

/// <summary>
/// Puts one question to one persona through <see cref="StructuredCompletion"/> with the matching survey-answer
/// schema, then checks the reply against the question with <see cref="SurveyAnswerReader"/>. An answer that is
/// still invalid (an option that does not exist, too many selections, a rating off the scale, empty text) is
/// asked for again with the reasons, up to Surveys:MaxAnswerAttempts times; it is never replaced by a default.
/// </summary>
internal sealed class SurveyAnswering(StructuredCompletion structured, IOptions<SurveyRunOptions> options)
{
    public const string Operation = "survey_answer";

    public async Task<ObtainedAnswer> AskAsync(Survey survey, int index, Persona persona, long seed, CancellationToken cancellationToken)
    {
        var question = survey.Questions[index];
        var (schema, schemaName) = Schema(question);
        var chatOptions = new ChatOptions().WithPersona(SurveyRespondent.Context(persona)).WithSeed(seed).WithOperation(Operation);
        var conversation = new List<ChatMessage>
        {
            new(ChatRole.System, SurveyPrompts.System(persona)),
            new(ChatRole.User, SurveyPrompts.Question(survey.Name, index, survey.Questions.Count, question)),
        };
        var maxAttempts = options.Value.MaxAnswerAttempts;
        IReadOnlyList<string> errors = [];
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            string reply;
            try
            {
                var answer = await structured.CompleteAsync(conversation, schema, schemaName, chatOptions, cancellationToken);
                var reading = SurveyAnswerReader.Read(question, answer.Json);
                if (reading.Answer is { } valid)
                {
                    return new ObtainedAnswer(valid, attempt, reading.Repairs);
                }

                (errors, reply) = (reading.Errors, answer.Json.GetRawText());
            }
            catch (StructuredOutputException exception)
            {
                (errors, reply) = (exception.Errors, exception.LastReply);
            }

            conversation.Add(new ChatMessage(ChatRole.Assistant, reply));
            conversation.Add(new ChatMessage(ChatRole.User, SurveyPrompts.Retry(errors)));
        }

        throw new SurveyAnswerException(persona.Name, index, maxAttempts, errors);
    }

    private static (JsonElement Schema, string Name) Schema(SurveyQuestion question) => question.Type switch
    {
        SurveyQuestionType.SingleChoice => (ResearchSchemas.SingleChoice(question.Options), "survey_single_choice"),
        SurveyQuestionType.MultipleChoice => (ResearchSchemas.MultipleChoice(question.Options, question.MinSelections ?? 1, question.MaxSelections ?? question.Options.Count), "survey_multiple_choice"),
        SurveyQuestionType.RatingScale => (ResearchSchemas.RatingScale(question.Minimum ?? 0, question.Maximum ?? 0), "survey_rating_scale"),
        _ => (ResearchSchemas.OpenText, "survey_open_text"),
    };
}
