using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace MarketResearch.Bench;

/// <summary>
/// The LLM-bound bars against a local OpenAI-compatible server that answers after a fixed 500 ms: 20 personas within
/// 1.2 × ceil(20 / concurrency) × 0.5 s, and a 20 × 4 focus group within 1.2 × its critical path (one call per
/// round plus the insights call). What the run takes beyond that is our scheduling, not the model: each run prints its
/// model calls as the server saw them (waves, gaps, calls on the critical path) against the job's own timestamps.
/// </summary>
internal static class SlowModelBenchmarks
{
    private static readonly TimeSpan ModelDelay = TimeSpan.FromMilliseconds(500);
    private const int Personas = 20;
    private const double Slack = 1.2;

    private static readonly string[] Questions =
    [
        "What do you think about a meal-kit subscription for 39 zł a week?",
        "What worries you most about ordering food online?",
        "Would you recommend a meal-kit service to your friends?",
        "What would make you cancel such a subscription?",
    ];

    public static async Task RunAsync()
    {
        await using var model = await SlowChatServer.StartAsync(ModelDelay);
        await using var stack = await BenchStack.StartAsync(settings:
        [
            "Llm:Provider=OpenAICompatible",
            $"Llm:Endpoint={model.Endpoint}",
            $"Llm:Model={SlowChatServer.Model}",
        ]);
        Console.WriteLine($"stack healthy after {stack.TimeToHealthy.TotalSeconds:0.0} s; model {model.Endpoint} answers after {ModelDelay.TotalMilliseconds:0} ms");
        using var user = await BenchUser.RegisterAsync(stack);
        var projectId = await user.CreateProjectAsync(new
        {
            name = "Bench slow model",
            audience = new { distributions = new Dictionary<string, Dictionary<string, double>> { ["age"] = new() { ["18-34"] = 0.4, ["35-54"] = 0.35, ["55+"] = 0.25 } } },
        });
        var concurrency = int.Parse(Environment.GetEnvironmentVariable("BENCH_LLM_CONCURRENCY") ?? "32", CultureInfo.InvariantCulture);

        // Warm-up: the first calls pay for HTTP connections and JIT; the bars are about steady runs.
        await GenerateAsync(user, projectId, count: 2, seed: 99);

        var personaBar = Slack * Math.Ceiling(Personas / (double)concurrency) * ModelDelay.TotalSeconds;
        // BENCH_PERSONA_RUNS > 1 repeats the panel in the same worker (the first is the one the bar is judged on).
        var personaRuns = int.Parse(Environment.GetEnvironmentVariable("BENCH_PERSONA_RUNS") ?? "1", CultureInfo.InvariantCulture);
        for (var run = 1; run <= personaRuns; run++)
        {
            model.Reset();
            var workerBefore = await RuntimeCost.ReadAsync(stack, "worker");
            var personas = Stopwatch.StartNew();
            var personaRequested = DateTimeOffset.UtcNow;
            var (personaJob, finalStatusSeen) = await GenerateAsync(user, projectId, Personas, seed: run);
            var readBack = personas.Elapsed;
            // Finished for the client when its stream brings the final status (the web app shows it then); the read of
            // the job that follows, for its result, is printed beside it.
            var personaElapsed = finalStatusSeen ?? readBack;
            Report(run == 1 ? $"{Personas} personas" : $"{Personas} personas (run {run} in this worker)", personaElapsed, run == 1 ? personaBar : double.NaN, model);
            Console.WriteLine(CallTimeline.Describe(model.Calls, personaJob, personaRequested, personaRequested + personaElapsed));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  final status event seen {personaElapsed.TotalMilliseconds:0} ms after the request; job read back (GET /jobs/{{id}}) {readBack.TotalMilliseconds:0} ms"));
            Console.WriteLine($"  worker during the run: {(await RuntimeCost.ReadAsync(stack, "worker")).Since(workerBefore)}");
        }

        // BENCH_FOCUS_GROUPS=0 stops after the personas (quicker A/B runs of the persona bar).
        if (Environment.GetEnvironmentVariable("BENCH_FOCUS_GROUPS") == "0")
        {
            return;
        }

        var personaIds = (await user.Api.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{projectId}/personas?limit=100"))
            .GetProperty("items").EnumerateArray().Select(persona => persona.GetProperty("id").GetGuid()).Take(Personas).ToList();
        var group = await (await user.Api.PostAsJsonAsync($"/api/v1/projects/{projectId}/focus-groups",
            new { name = "Bench", personaIds, questions = Questions, moderatorFollowUps = false })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var groupId = group.GetProperty("id").GetGuid();
        // The first run in a worker process pays for JIT of the whole focus-group path (EF queries, prompts, clustering,
        // graph): shown, but the bar is about the steady run that follows, as for the personas' warm-up above.
        await DiscussAsync(stack, user, model, groupId, personaIds.Count, "first run in this worker (cold JIT)", bar: false);
        await DiscussAsync(stack, user, model, groupId, personaIds.Count, "steady", bar: true);
    }

    private static async Task DiscussAsync(BenchStack stack, BenchUser user, SlowChatServer model, Guid groupId, int participants, string label, bool bar)
    {
        model.Reset();
        var workerBefore = await RuntimeCost.ReadAsync(stack, "worker");
        var discussion = Stopwatch.StartNew();
        var discussionRequested = DateTimeOffset.UtcNow;
        var run = await (await user.Api.PostAsync($"/api/v1/focus-groups/{groupId}/run", null)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var job = await user.WaitForJobAsync(run.GetProperty("jobId").GetGuid());
        var discussionElapsed = discussion.Elapsed;
        var workerAfter = await RuntimeCost.ReadAsync(stack, "worker");
        Require(job);
        // Critical path: the rounds answer one after another, then the insights call.
        var focusBar = Slack * (Questions.Length + 1) * ModelDelay.TotalSeconds;
        var calls = model.Calls.Where(call => call.Start <= discussionRequested + discussionElapsed).ToList();
        Report($"focus group {participants} × {Questions.Length} ({label})", discussionElapsed, bar ? focusBar : double.NaN, model);
        Console.WriteLine(CallTimeline.Describe(calls, job, discussionRequested, discussionRequested + discussionElapsed));
        Console.WriteLine($"  model calls during the run: {calls.Count} (critical path {CallTimeline.CriticalPathCalls(calls)} calls = {CallTimeline.CriticalPathCalls(calls) * ModelDelay.TotalSeconds:0.0} s floor; bar assumes {Questions.Length + 1})");
        // Load-independent: what the run cost the worker in JIT and CPU (a fresh worker's first run compiles what start-up did not).
        Console.WriteLine($"  worker during the run: {workerAfter.Since(workerBefore)}");
    }

    /// <returns>The finished job, and how long after the request its final status event reached the client.</returns>
    private static async Task<(JsonElement Job, TimeSpan? FinalStatusSeen)> GenerateAsync(BenchUser user, Guid projectId, int count, int seed)
    {
        var requested = Stopwatch.StartNew();
        var accepted = await (await user.Api.PostAsJsonAsync($"/api/v1/projects/{projectId}/personas/generate", new { count, seed }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var followed = requested.Elapsed;
        var (job, finalStatusSeen) = await JobFollower.FollowAsync(user.Api, accepted.GetProperty("jobId").GetGuid());
        Require(job);
        return (job, followed + finalStatusSeen);
    }

    private static void Require(JsonElement job)
    {
        if (job.GetProperty("status").GetString() != "Succeeded")
        {
            throw new InvalidOperationException($"job did not succeed: {job}");
        }
    }

    private static void Report(string what, TimeSpan elapsed, double barSeconds, SlowChatServer model) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what} against a {ModelDelay.TotalMilliseconds:0} ms model, API → queue → worker → Postgres: {elapsed.TotalSeconds:0.00} s ({(double.IsNaN(barSeconds) ? "not judged" : $"bar {barSeconds:0.00} s: {(elapsed.TotalSeconds <= barSeconds ? "met" : "missed")}")}); {model.Requests} model calls, critical path {CallTimeline.CriticalPathCalls(model.Calls)} calls, peak {model.PeakInFlight} in flight; load {BenchStack.LoadAverage()}"));
}
