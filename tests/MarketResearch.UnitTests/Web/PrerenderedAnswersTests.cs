using System.Security.Cryptography;
using System.Text.Json;
using MarketResearch.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Infrastructure;
using Microsoft.AspNetCore.Components.RenderTree;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MarketResearch.UnitTests.Web;

/// <summary>
/// The prerender's API answers go through Blazor's real persisted component state (persist in one scope, restore in
/// another, as a prerendered response and its circuit do) and stand in for the circuit's reads once each.
/// </summary>
public sealed class PrerenderedAnswersTests
{
    private const string Project = "/api/v1/projects/1";
    private const string Members = "/api/v1/projects/1/members";

    [Fact]
    public async Task Answers_recorded_while_prerendering_stand_in_for_the_circuits_reads_once_each()
    {
        var store = new MemoryStore();
        await PrerenderAsync(store, answers =>
        {
            answers.Record(Members, Json("""[{"email":"a@example.test"}]"""), 30);
            answers.Record(Project, Json("""{"name":"Meal kits"}"""), 20);
            answers.Record(Members, Json("""[{"email":"b@example.test"}]"""), 30);
        });

        var (circuit, _) = await CircuitAsync(store);
        Assert.False(circuit.IsRecording);
        Assert.True(circuit.TryTake(Members, out var first));
        Assert.True(circuit.TryTake(Members, out var second));
        Assert.False(circuit.TryTake(Members, out _));
        Assert.Equal("a@example.test", first[0].GetProperty("email").GetString());
        Assert.Equal("b@example.test", second[0].GetProperty("email").GetString());
        Assert.True(circuit.TryTake(Project, out var project));
        Assert.Equal("Meal kits", project.GetProperty("name").GetString());
        Assert.False(circuit.TryTake(Project, out _));
    }

    [Fact]
    public async Task Nothing_is_handed_over_unless_the_request_prerenders_for_a_circuit()
    {
        var store = new MemoryStore();
        await PrerenderAsync(store, answers => answers.Record(Project, Json("""{"name":"Meal kits"}"""), 20), recording: false);

        var (circuit, _) = await CircuitAsync(store);
        Assert.False(circuit.TryTake(Project, out _));
        Assert.Empty(store.Persisted);
    }

    [Fact]
    public async Task A_navigation_a_write_or_the_lifetime_drops_every_answer_left()
    {
        var store = new MemoryStore();
        await PrerenderAsync(store, answers => answers.Record(Project, Json("""{"name":"Meal kits"}"""), 20));
        var (navigated, navigation) = await CircuitAsync(store);
        navigation.NavigateTo("/projects");
        Assert.False(navigated.TryTake(Project, out _));

        await PrerenderAsync(store = new MemoryStore(), answers => answers.Record(Project, Json("""{"name":"Meal kits"}"""), 20));
        var (written, _) = await CircuitAsync(store);
        written.Forget();
        Assert.False(written.TryTake(Project, out _));

        await PrerenderAsync(store = new MemoryStore(), answers => answers.Record(Project, Json("""{"name":"Meal kits"}"""), 20));
        var clock = new ManualClock();
        var (late, _) = await CircuitAsync(store, clock);
        clock.Advance(new PrerenderedAnswersOptions().Lifetime + TimeSpan.FromMilliseconds(1));
        Assert.False(late.TryTake(Project, out _));
    }

    [Fact]
    public async Task Answers_too_heavy_for_the_circuits_start_message_are_read_again_largest_first()
    {
        var store = new MemoryStore();
        // Random text does not compress: 40 KB of it can never fit; the small answer still does.
        var heavy = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30_000));
        await PrerenderAsync(store, answers =>
        {
            answers.Record(Project, Json("""{"name":"Meal kits"}"""), 20);
            answers.Record(Members, Json($$"""{"blob":"{{heavy}}"}"""), heavy.Length);
        });

        var (circuit, _) = await CircuitAsync(store);
        Assert.True(circuit.TryTake(Project, out _));
        Assert.False(circuit.TryTake(Members, out _));
        Assert.True(store.Persisted.Values.Single().Length < new PrerenderedAnswersOptions().MaxCompressedBytes * 2);
    }

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private static async Task PrerenderAsync(MemoryStore store, Action<PrerenderedAnswers> read, bool recording = true)
    {
        var manager = new ComponentStatePersistenceManager(NullLogger<ComponentStatePersistenceManager>.Instance);
        using var answers = new PrerenderedAnswers(manager.State, new TestNavigation(), Options.Create(new PrerenderedAnswersOptions()), TimeProvider.System,
            NullLogger<PrerenderedAnswers>.Instance);
        if (recording)
        {
            answers.RecordForCircuit();
        }

        read(answers);
        await using var renderer = new NullRenderer();
        await manager.PersistStateAsync(store, renderer);
    }

    private static async Task<(PrerenderedAnswers Answers, TestNavigation Navigation)> CircuitAsync(MemoryStore store, TimeProvider? clock = null)
    {
        var manager = new ComponentStatePersistenceManager(NullLogger<ComponentStatePersistenceManager>.Instance);
        await manager.RestoreStateAsync(store);
        var navigation = new TestNavigation();
        var answers = new PrerenderedAnswers(manager.State, navigation, Options.Create(new PrerenderedAnswersOptions()), clock ?? TimeProvider.System,
            NullLogger<PrerenderedAnswers>.Instance);
        return (answers, navigation);
    }

    private sealed class MemoryStore : IPersistentComponentStateStore
    {
        public IDictionary<string, byte[]> Persisted { get; private set; } = new Dictionary<string, byte[]>();

        public Task<IDictionary<string, byte[]>> GetPersistedStateAsync() => Task.FromResult<IDictionary<string, byte[]>>(new Dictionary<string, byte[]>(Persisted));

        public Task PersistStateAsync(IReadOnlyDictionary<string, byte[]> state)
        {
            Persisted = state.ToDictionary();
            return Task.CompletedTask;
        }

        public bool SupportsRenderMode(IComponentRenderMode renderMode) => true;
    }

    private sealed class TestNavigation : NavigationManager
    {
        public TestNavigation() => Initialize("http://web.test/", "http://web.test/projects/1");

        protected override void NavigateToCore(string uri, NavigationOptions options)
        {
            Uri = ToAbsoluteUri(uri).ToString();
            NotifyLocationChanged(isInterceptedLink: false);
        }
    }

    // Persisting needs a renderer (for its dispatcher); this is the smallest one, and only a test builds it.
#pragma warning disable BL0006
    private sealed class NullRenderer() : Renderer(new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance)
    {
        public override Dispatcher Dispatcher { get; } = Dispatcher.CreateDefault();

        protected override void HandleException(Exception exception) => throw exception;

        protected override Task UpdateDisplayAsync(in RenderBatch renderBatch) => Task.CompletedTask;
    }
#pragma warning restore BL0006

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
