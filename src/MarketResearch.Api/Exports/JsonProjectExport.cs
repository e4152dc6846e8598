using System.Text.Json;

namespace MarketResearch.Api.Exports;

/// <summary>The whole project as one JSON document, written row by row and flushed as it goes.</summary>
internal static class JsonProjectExport
{
    public const string Schema = "marketresearch-export/v1";
    private const int RowsPerFlush = 100;

    public static async Task WriteAsync(ProjectExportSource source, Stream body, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { Indented = false });
        var project = source.Project;
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("exportedAt", DateTimeOffset.UtcNow);
        json.WritePropertyName("project");
        json.WriteStartObject();
        json.WriteString("id", project.Id);
        json.WriteString("name", project.Name);
        json.WriteString("description", project.Description);
        json.WriteString("objectives", project.Objectives);
        json.WriteString("locale", project.Locale);
        json.WritePropertyName("audience");
        JsonSerializer.Serialize(json, project.Audience, JsonSerializerOptions.Web);
        json.WriteString("createdAt", project.CreatedAt);
        json.WriteEndObject();

        json.WriteStartArray("personas");
        var rows = 0;
        await foreach (var persona in source.PersonasAsync().WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("id", persona.Id);
            json.WriteString("generationJobId", persona.JobId);
            json.WriteString("name", persona.Name);
            json.WriteString("gender", persona.Gender);
            json.WriteString("locale", persona.Locale);
            json.WriteString("archetype", persona.Archetype);
            json.WritePropertyName("demographics");
            JsonSerializer.Serialize(json, persona.Demographics, JsonSerializerOptions.Web);
            json.WritePropertyName("traits");
            JsonSerializer.Serialize(json, persona.Traits, JsonSerializerOptions.Web);
            json.WritePropertyName("profile");
            persona.Profile.RootElement.WriteTo(json);
            json.WriteNumber("seed", persona.Seed);
            json.WriteString("generatedBy", persona.GeneratedBy);
            json.WriteString("createdAt", persona.CreatedAt);
            json.WriteEndObject();
            if (++rows % RowsPerFlush == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();

        json.WriteStartArray("surveys");
        foreach (var survey in await source.SurveysAsync(cancellationToken))
        {
            json.WriteStartObject();
            json.WriteString("id", survey.Id);
            json.WriteString("name", survey.Name);
            json.WriteString("status", survey.Status.ToString());
            json.WritePropertyName("questions");
            JsonSerializer.Serialize(json, survey.Questions, JsonSerializerOptions.Web);
            if (survey.CompletedJobId is { } run)
            {
                json.WriteString("resultsFromJobId", run);
            }

            json.WriteStartArray("responses");
            await foreach (var response in source.SurveyResponsesAsync(survey).WithCancellation(cancellationToken))
            {
                json.WriteStartObject();
                json.WriteString("personaId", response.PersonaId);
                json.WriteNumber("questionIndex", response.QuestionIndex);
                json.WritePropertyName("answer");
                JsonSerializer.Serialize(json, response.Answer, JsonSerializerOptions.Web);
                json.WriteEndObject();
                if (++rows % RowsPerFlush == 0)
                {
                    await json.FlushAsync(cancellationToken);
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
