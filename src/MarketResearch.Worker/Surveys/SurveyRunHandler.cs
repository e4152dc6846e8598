using System.Diagnostics.Metrics;
using MarketResearch.AI;
using MarketResearch.Domain.Personas;
using MarketResearch.Domain.Persistence;
using MarketResearch.Domain.ReadCache;
using MarketResearch.Domain.Surveys;
using MarketResearch.Worker.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MarketResearch.Worker.Surveys;

/// <summary>
/// Runs a survey: every respondent answers every question in character (bounded concurrency), every answer valid for
/// its question type. The answers are saved in one transaction that first removes whatever an earlier attempt of this
/// job saved, together with the survey's new state: at-least-once runs, exactly one set of answers per run.
/// </summary>
internal sealed class SurveyRunHandler(
    IServiceScopeFactory scopes, SurveyAnswering answering, AIProviderStatus provider, IOptions<SurveyRunOptions> options,
    IMeterFactory meters, TimeProvider clock) : IJobHandler, IChangesProjectReads
{
    private const int ProgressSteps = 20;
    private readonly Counter<long> _completed = meters.Create("MarketResearch.Research").CreateCounter<long>("surveys.completed", description: "Survey runs whose answers were saved.");

    public string JobType => SurveyRunPayload.JobType;

    public IReadOnlyList<string> ChangedReadAreas { get; } = [ProjectReadVersions.Surveys];

    public async Task<object?> ExecuteAsync(JobContext context, CancellationToken cancellationToken)
    {
        var payload = context.PayloadAs<SurveyRunPayload>();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ResearchDbContext>();
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(row => row.Id == payload.SurveyId, cancellationToken)
            ?? throw new JobPayloadException("The survey no longer exists.");
        var personas = await db.Personas.AsNoTracking().Where(persona => payload.PersonaIds.Contains(persona.Id)).ToListAsync(cancellationToken);
        if (personas.Count != payload.PersonaIds.Count)
        {
            throw new JobPayloadException($"{payload.PersonaIds.Count - personas.Count} of the survey's personas no longer exist.");
        }

        await SetStatusAsync(db, survey.Id, context.JobId, SurveyStatus.Running, cancellationToken);
        var total = personas.Count * survey.Questions.Count;
        await context.ReportProgressAsync(0, $"Asking {personas.Count} personas {survey.Questions.Count} questions", cancellationToken);

        var answers = new ObtainedAnswer[personas.Count, survey.Questions.Count];
        var work = Enumerable.Range(0, personas.Count).SelectMany(person => Enumerable.Range(0, survey.Questions.Count).Select(question => (person, question)));
        var done = 0;
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = options.Value.Concurrency, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                answers[item.person, item.question] = await answering.AskAsync(survey, item.question, personas[item.person], payload.Seed, token);
                var finished = Interlocked.Increment(ref done);
                if (finished % Math.Max(1, total / ProgressSteps) == 0 || finished == total)
                {
                    await context.ReportProgressAsync(0.95 * finished / total, $"{finished} of {total} answers", token);
                }
            });

        var now = clock.GetUtcNow();
        var rows = new List<SurveyResponse>(total);
        for (var person = 0; person < personas.Count; person++)
        {
            for (var question = 0; question < survey.Questions.Count; question++)
            {
                rows.Add(Row(survey.Id, context.JobId, personas[person], question, answers[person, question].Answer, now));
            }
        }

        await SaveReplacingEarlierAttemptsAsync(db, survey.Id, context.JobId, rows, now, cancellationToken);
        _completed.Add(1);

        var obtained = answers.Cast<ObtainedAnswer>().ToList();
        var summary = new
        {
            surveyId = survey.Id,
            respondents = personas.Count,
            questions = survey.Questions.Count,
            answers = rows.Count,
            askedAgain = obtained.Sum(answer => answer.Attempts - 1),
            repaired = obtained.Count(answer => answer.Repairs.Count > 0),
            offline = provider.IsOffline,
            prompt = SurveyPrompts.Version,
        };
        await context.PublishAsync("survey_completed", summary, cancellationToken);
        await context.ReportProgressAsync(1, $"Saved {rows.Count} answers of {personas.Count} personas", cancellationToken);
        return summary;
    }

    private static SurveyResponse Row(Guid surveyId, Guid jobId, Persona persona, int question, SurveyAnswer answer, DateTimeOffset now) => new()
    {
        SurveyId = surveyId,
        JobId = jobId,
        PersonaId = persona.Id,
        QuestionIndex = question,
        OptionIndexes = answer.OptionIndexes?.ToArray(),
        Rating = answer.Rating,
        Text = answer.Text,
        CreatedAt = now,
    };

    /// <summary>Only the survey's latest run moves its status: an older run finishing late must not overwrite a newer one's state.</summary>
    private static Task<int> SetStatusAsync(ResearchDbContext db, Guid surveyId, Guid jobId, SurveyStatus status, CancellationToken cancellationToken) =>
        db.Surveys.Where(survey => survey.Id == surveyId && survey.LastJobId == jobId)
            .ExecuteUpdateAsync(set => set.SetProperty(survey => survey.Status, status), cancellationToken);

    private static async Task SaveReplacingEarlierAttemptsAsync(
        ResearchDbContext db, Guid surveyId, Guid jobId, List<SurveyResponse> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SurveyResponses.Where(row => row.JobId == jobId).ExecuteDeleteAsync(cancellationToken);
            db.SurveyResponses.AddRange(rows);
            await db.SaveChangesAsync(cancellationToken);
            await db.Surveys.Where(survey => survey.Id == surveyId && survey.LastJobId == jobId)
                .ExecuteUpdateAsync(set => set
                    .SetProperty(survey => survey.Status, SurveyStatus.Completed)
                    .SetProperty(survey => survey.CompletedJobId, jobId)
                    .SetProperty(survey => survey.CompletedAt, now)
                    .SetProperty(survey => survey.UpdatedAt, now), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
    }
}
