using System.Globalization;
using Aspire.Hosting.Testing;

namespace MarketResearch.Bench;

/// <summary>
/// A project resource's JIT work (methods compiled, compilation time), garbage collections and their pauses (the
/// runtime's own counters, scraped from its /metrics) and process CPU at one moment; the difference of two readings is
/// what a run cost it, whatever the load.
/// </summary>
internal sealed record RuntimeCost(double MethodsCompiled, double JitSeconds, double Collections, double GcPauseSeconds, TimeSpan? Cpu)
{
    private const string CompiledMethods = "dotnet_jit_compiled_methods_total";
    private const string CompilationTime = "dotnet_jit_compilation_time_seconds_total";
    private const string GcCollections = "dotnet_gc_collections_total";
    private const string GcPauseTime = "dotnet_gc_pause_time_seconds_total";

    public static async Task<RuntimeCost> ReadAsync(BenchStack stack, string resource)
    {
        using var http = new HttpClient { BaseAddress = stack.App.GetEndpoint(resource, "http") };
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return new RuntimeCost(Counter(text, CompiledMethods), Counter(text, CompilationTime), Counter(text, GcCollections),
            Counter(text, GcPauseTime), stack.CpuTimeOf(resource));
    }

    public string Since(RuntimeCost before) => string.Create(CultureInfo.InvariantCulture,
        $"{MethodsCompiled - before.MethodsCompiled:0} methods JIT-compiled in {(JitSeconds - before.JitSeconds) * 1000:0} ms, {Collections - before.Collections:0} GCs pausing {(GcPauseSeconds - before.GcPauseSeconds) * 1000:0} ms, process CPU {(Cpu - before.Cpu)?.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) ?? "?"} ms");

    private static double Counter(string exposition, string name) => exposition.Split('\n')
        .Where(line => line.StartsWith(name, StringComparison.Ordinal) && (line.Length == name.Length || line[name.Length] is ' ' or '{'))
        .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture))
        .DefaultIfEmpty(double.NaN).Sum();
}
