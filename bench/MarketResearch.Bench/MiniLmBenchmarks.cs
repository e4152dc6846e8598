using System.Diagnostics;
using System.Globalization;
using MarketResearch.AI;
using MarketResearch.AI.Embeddings;
using MarketResearch.Knowledge;
using MarketResearch.Knowledge.Chunking;
using MarketResearch.Knowledge.Documents;
using Microsoft.Extensions.Options;

namespace MarketResearch.Bench;

/// <summary>
/// MiniLM alone, without a stack: the passages of the knowledge bench's 200-page PDF (same text, same chunking) embedded
/// the way the ingestion job does (calls of Knowledge:EmbeddingBatchSize, as many at once as the generator has slots).
/// Prints passages/s and the process CPU per passage, which does not depend on what else the machine is doing.
/// </summary>
internal static class MiniLmBenchmarks
{
    public static async Task RunAsync()
    {
        var blocks = KnowledgeBenchmarks.PdfParagraphs(KnowledgeBenchmarks.Pages)
            .SelectMany((paragraphs, page) => paragraphs.Select(paragraph => new TextBlock(paragraph, Page: page + 1)))
            .ToList();
        var knowledge = new KnowledgeOptions();
        var passages = DocumentChunker.Chunk(blocks, knowledge.ChunkCharacters, knowledge.ChunkOverlapCharacters).Select(chunk => chunk.Text).ToArray();
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
            var calls = passages.Chunk(knowledge.EmbeddingBatchSize).Select(call => generator.GenerateAsync(call));
            await Task.WhenAll(calls);
            var elapsed = started.Elapsed;
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {passages.Length} passages in {elapsed.TotalSeconds:0.00} s = {passages.Length / elapsed.TotalSeconds:0.0}/s; CPU {cpu.TotalMilliseconds / passages.Length:0.0} ms per passage (load {BenchStack.LoadAverage()})"));
        }
    }
}
