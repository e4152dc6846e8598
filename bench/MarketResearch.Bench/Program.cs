using MarketResearch.Bench;

// Usage: dotnet run --project bench/MarketResearch.Bench -- [auth|hashing|personas|survey|knowledge|focus|focus-llm|reads|queue|graph|pages|minilm|all]
var scenario = args.FirstOrDefault() ?? "all";
if (scenario == "focus-llm")
{
    // Its own stack: api and worker talk to a local OpenAI-compatible server that answers after 500 ms.
    await SlowModelBenchmarks.RunAsync();
    return;
}

if (scenario == "minilm")
{
    // The embedding model alone over the knowledge bench's passages: no stack needed.
    await MiniLmBenchmarks.RunAsync();
    return;
}

if (scenario == "hashing")
{
    // Argon2id per OWASP row, libsodium against the managed code (also part of "auth"): no stack needed.
    Argon2Benchmarks.Run();
    return;
}

if (scenario == "graph")
{
    // Pure computation: no stack needed.
    await GraphBenchmarks.RunAsync();
    return;
}

await using var stack = await BenchStack.StartAsync(appHostWorker: scenario != "queue");
Console.WriteLine($"stack healthy after {stack.TimeToHealthy.TotalSeconds:0.0} s (cold start of the bench's own throwaway stack)");

if (scenario is "auth" or "all")
{
    await AuthBenchmarks.RunAsync(stack);
}

if (scenario is "personas" or "all")
{
    await PersonaBenchmarks.RunAsync(stack);
}

if (scenario is "survey" or "all")
{
    await SurveyBenchmarks.RunAsync(stack);
}

if (scenario is "knowledge" or "all")
{
    await KnowledgeBenchmarks.RunAsync(stack);
}

if (scenario is "focus" or "all")
{
    await FocusGroupBenchmarks.RunAsync(stack);
}

if (scenario is "reads" or "all")
{
    await ReadBenchmarks.RunAsync(stack);
}

if (scenario is "pages" or "all")
{
    // Debian's Chromium on the web app: every page, navigation to interactive with its data.
    await PageBenchmarks.RunAsync(stack);
}

if (scenario is "queue")
{
    // Not part of "all": it runs its own worker replicas instead of the AppHost's.
    await QueueBenchmarks.RunAsync(stack);
}
