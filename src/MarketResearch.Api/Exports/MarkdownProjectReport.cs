using System.Globalization;
using System.Text;
using MarketResearch.Domain.Projects;
using MarketResearch.Domain.Surveys;

namespace MarketResearch.Api.Exports;

/// <summary>A readable report of the project: audience, the panel, each persona in brief.</summary>
internal static class MarkdownProjectReport
{
    private const int PersonasPerFlush = 50;
    private const int QuotedAnswers = 5;

    public static async Task WriteAsync(ProjectExportSource source, Stream body, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        var project = source.Project;
        var markdown = new MarkdownWriter(text);
        markdown.Heading(1, project.Name);
        markdown.Paragraph(project.Description);
        if (project.Objectives is not null)
        {
            markdown.Heading(2, "Objectives");
            markdown.Paragraph(project.Objectives);
        }

        WriteAudience(markdown, project.Audience);

        markdown.Heading(2, "Personas");
        var count = 0;
        await foreach (var persona in source.PersonasAsync().WithCancellation(cancellationToken))
        {
            count++;
            var headline = ProfileText.Field(persona.Profile, "headline");
            markdown.Heading(3, headline is null ? persona.Name : $"{persona.Name} — {headline}");
            var facts = AudienceCategories.All.Select(category => persona.Demographics.GetValueOrDefault(category))
                .Where(value => !string.IsNullOrWhiteSpace(value)).ToList();
            if (persona.Archetype is not ("" or "Standard"))
            {
                facts.Add($"archetype: {persona.Archetype}");
            }

            markdown.Paragraph(string.Join(" · ", facts));
            markdown.Paragraph(ProfileText.Field(persona.Profile, "backgroundStory"));
            markdown.Bullets("Needs and pains", ProfileText.List(persona.Profile, "needsAndPains"));
            if (count % PersonasPerFlush == 0)
            {
                await text.FlushAsync(cancellationToken);
            }
        }

        if (count == 0)
        {
            markdown.Paragraph("No personas have been generated yet.");
        }

        await WriteSurveysAsync(source, markdown, cancellationToken);
        markdown.Note(string.Create(CultureInfo.InvariantCulture, $"{count} personas. Exported {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC."));
        await text.FlushAsync(cancellationToken);
    }

    /// <summary>Each survey's latest results: option counts, the mean rating, a few written answers.</summary>
    private static async Task WriteSurveysAsync(ProjectExportSource source, MarkdownWriter markdown, CancellationToken cancellationToken)
    {
        var surveys = await source.SurveysAsync(cancellationToken);
        if (surveys.Count == 0)
        {
            return;
        }

        markdown.Heading(2, "Surveys");
        foreach (var survey in surveys)
        {
            markdown.Heading(3, survey.Name);
            var answers = new Dictionary<int, List<SurveyResponse>>();
            await foreach (var response in source.SurveyResponsesAsync(survey).WithCancellation(cancellationToken))
            {
                (answers.TryGetValue(response.QuestionIndex, out var list) ? list : answers[response.QuestionIndex] = []).Add(response);
            }

            if (answers.Count == 0)
            {
                markdown.Paragraph("Not run yet.");
                continue;
            }

            for (var index = 0; index < survey.Questions.Count; index++)
            {
                var question = survey.Questions[index];
                var responses = answers.GetValueOrDefault(index) ?? [];
                markdown.Paragraph(string.Create(CultureInfo.InvariantCulture, $"{index + 1}. {question.Text} ({responses.Count} answers)"));
                if (question.Options.Count > 0)
                {
                    markdown.Table(["option", "answers"], question.Options.Select((option, position) => (IReadOnlyList<string>)
                        [option, responses.Count(response => response.OptionIndexes?.Contains(position) == true).ToString(CultureInfo.InvariantCulture)]));
                }
                else if (responses.Any(response => response.Rating is not null))
                {
                    markdown.Paragraph(string.Create(CultureInfo.InvariantCulture,
                        $"Mean rating {responses.Where(response => response.Rating is not null).Average(response => response.Rating!.Value):0.00} on {question.Minimum}–{question.Maximum}."));
                }
                else
                {
                    markdown.Bullets("Some answers", responses.Where(response => response.Text is not null).Take(QuotedAnswers).Select(response => response.Text!).ToList());
                }
            }
        }
    }

    private static void WriteAudience(MarkdownWriter markdown, TargetAudience audience)
    {
        if (audience.Distributions.Count == 0 && audience.Description is null)
        {
            return;
        }

        markdown.Heading(2, "Target audience");
        markdown.Paragraph(audience.Description);
        foreach (var (category, shares) in audience.Distributions)
        {
            var total = shares.Values.Sum();
            markdown.Table([category, "target share"],
                shares.Select(share => (IReadOnlyList<string>)[share.Key, string.Create(CultureInfo.InvariantCulture, $"{share.Value / total:P0}")]));
        }
    }
}
