using System.IO.Compression;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Projects;

namespace MarketResearch.Api.Exports;

/// <summary>One CSV file per table, in a zip written entry by entry to the response.</summary>
internal static class CsvProjectExport
{
    private const int RowsPerFlush = 200;

    public static async Task WriteAsync(ProjectExportSource source, Stream body, CancellationToken cancellationToken)
    {
        await using var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await WritePersonasAsync(source, zip, cancellationToken);
        await WriteSurveyResponsesAsync(source, zip, cancellationToken);
    }

    private static async Task WriteSurveyResponsesAsync(ProjectExportSource source, ZipArchive zip, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry("survey-responses.csv", CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var text = new StreamWriter(stream, CsvWriter.Encoding);
        var csv = new CsvWriter(text);
        csv.Row(["survey_id", "survey_name", "question_index", "question_type", "question", "persona_id", "answer"]);
        var rows = 0;
        foreach (var survey in await source.SurveysAsync(cancellationToken))
        {
            await foreach (var response in source.SurveyResponsesAsync(survey).WithCancellation(cancellationToken))
            {
                var question = survey.Questions[response.QuestionIndex];
                csv.Id(survey.Id).Text(survey.Name).Number(response.QuestionIndex).Text(question.Type.ToString()).Text(question.Text)
                    .Id(response.PersonaId).Text(SurveyAnswerText.Describe(question, response)).EndRow();
                if (++rows % RowsPerFlush == 0)
                {
                    await csv.FlushAsync(cancellationToken);
                }
            }
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static async Task WritePersonasAsync(ProjectExportSource source, ZipArchive zip, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry("personas.csv", CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await using var text = new StreamWriter(stream, CsvWriter.Encoding);
        var csv = new CsvWriter(text);
        csv.Row(["id", "name", "gender", "locale", "archetype",
            .. AudienceCategories.All, .. PersonaTraitNames.All.Select(PersonaTraitNames.Name),
            "headline", "background_story", "profile_json", "generated_by", "generation_job_id", "created_at"]);
        var rows = 0;
        await foreach (var persona in source.PersonasAsync().WithCancellation(cancellationToken))
        {
            csv.Id(persona.Id).Text(persona.Name).Text(persona.Gender).Text(persona.Locale).Text(persona.Archetype);
            foreach (var category in AudienceCategories.All)
            {
                csv.Text(persona.Demographics.GetValueOrDefault(category));
            }

            foreach (var trait in PersonaTraitNames.All)
            {
                csv.Number(persona.Traits.TryGetValue(PersonaTraitNames.Name(trait), out var score) ? score : null);
            }

            csv.Text(ProfileText.Field(persona.Profile, "headline")).Text(ProfileText.Field(persona.Profile, "backgroundStory"))
                .Text(persona.Profile.RootElement.GetRawText()).Text(persona.GeneratedBy).Id(persona.JobId).Time(persona.CreatedAt).EndRow();
            if (++rows % RowsPerFlush == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }

        await csv.FlushAsync(cancellationToken);
    }
}
