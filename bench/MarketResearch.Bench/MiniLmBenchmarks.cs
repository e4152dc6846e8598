using System.Diagnostics;
using System.Globalization;
using MarketResearch.AI;
using MarketResearch.AI.Embeddings;
using MarketResearch.Knowledge.Chunking;
using MarketResearch.Knowledge.Documents;
using Microsoft.Extensions.Options;

namespace MarketResearch.Bench;

/// <summary>
/// MiniLM alone, without a stack: the passages of the knowledge bench's 200-page PDF (same text, same chunking) embedded
/// the way the ingestion job does (calls of 32, as many at once as the generator has slots). Prints passages/s and the
/// process CPU per passage, which does not depend on what else the machine is doing.
/// </summary>
internal static class MiniLmBenchmarks
{
    private const int Pages = 200;
    private const int ParagraphsPerPage = 6;
    private const int CallSize = 32;

    public static async Task RunAsync()
    {
        var random = new Random(7);
        var blocks = Enumerable.Range(0, Pages)
            .SelectMany(page => Enumerable.Range(0, ParagraphsPerPage).Select(_ => new TextBlock(KnowledgeBenchmarks.Sentences(random, 5), Page: page + 1)))
            .ToList();
        var passages = DocumentChunker.Chunk(blocks, targetCharacters: 1000, overlapCharacters: 150).Select(chunk => chunk.Text).ToArray();
        var limit = int.TryParse(Environment.GetEnvironmentVariable("BENCH_MINILM_PASSAGES"), CultureInfo.InvariantCulture, out var count) ? count : passages.Length;
        passages = passages[..Math.Min(limit, passages.Length)];

        var options = new LlmOptions();
        if (Enum.TryParse<MiniLmPrecision>(Environment.GetEnvironmentVariable("BENCH_MINILM_PRECISION"), out var precision))
        {
            options.MiniLmPrecision = precision;
        }

        using var generator = new MiniLmEmbeddingGenerator(Options.Create(options));
        var process = Process.GetCurrentProcess();
        var loading = Stopwatch.StartNew();
        await generator.GenerateAsync(["warm up"]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MiniLM {options.MiniLmPrecision} loaded in {loading.Elapsed.TotalSeconds:0.00} s"));

        for (var round = 1; round <= 3; round++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var started = Stopwatch.StartNew();
            var calls = passages.Chunk(CallSize).Select(call => generator.GenerateAsync(call));
            await Task.WhenAll(calls);
            var elapsed = started.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {passages.Length} passages in {elapsed.TotalSeconds:0.00} s = {passages.Length / elapsed.TotalSeconds:0.0}/s; CPU {cpu.TotalMilliseconds / passages.Length:0.0} ms per passage (load {Load()})"));
        }
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
