using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;

namespace MarketResearch.Web.Api;

/// <summary>
/// The API's answers read while a page was prerendered, handed to the interactive circuit that takes the page over so
/// its first render shows the same data without asking the API again (before, every page read everything twice).
/// They travel in that response's persisted component state (one user's page, data-protected). Each answer stands in
/// for one read of the same path; all are dropped at the first navigation or write, and after
/// <see cref="PrerenderedAnswersOptions.Lifetime"/>, so whatever a user does next reads the API.
/// </summary>
public sealed class PrerenderedAnswers : IDisposable
{
    private const string StateKey = "marketresearch.api-answers";
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<JsonElement>> _answers = new(StringComparer.Ordinal);
    private readonly List<Recorded> _recorded = [];
    private readonly PersistentComponentState _state;
    private readonly NavigationManager _navigation;
    private readonly PrerenderedAnswersOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<PrerenderedAnswers> _logger;
    private readonly PersistingComponentStateSubscription _persisting;
    private bool _recording;
    private bool _watchingNavigation;
    private DateTimeOffset _expiresAt;

    public PrerenderedAnswers(
        PersistentComponentState state, NavigationManager navigation, IOptions<PrerenderedAnswersOptions> options, TimeProvider clock,
        ILogger<PrerenderedAnswers> logger)
    {
        (_state, _navigation, _options, _clock, _logger) = (state, navigation, options.Value, clock, logger);
        _persisting = state.RegisterOnPersisting(PersistAsync, RenderMode.InteractiveServer);
        Restore();
    }

    /// <summary>True while a page is being prerendered: what the API answers now is kept for the circuit.</summary>
    public bool IsRecording
    {
        get
        {
            lock (_gate)
            {
                return _recording;
            }
        }
    }

    /// <summary>Called by the server-rendered root component: this request prerenders a page that a circuit will take over.</summary>
    public void RecordForCircuit()
    {
        lock (_gate)
        {
            _recording = true;
        }
    }

    public void Record(string path, JsonElement answer, int bytes)
    {
        lock (_gate)
        {
            if (_recording)
            {
                _recorded.Add(new Recorded(path, answer, bytes));
            }
        }
    }

    /// <summary>The answer the prerender got for this path, if one is left for this read.</summary>
    public bool TryTake(string path, out JsonElement answer)
    {
        answer = default;
        lock (_gate)
        {
            if (_answers.Count == 0)
            {
                return false;
            }

            if (_clock.GetUtcNow() > _expiresAt)
            {
                _answers.Clear();
                return false;
            }

            if (!_answers.TryGetValue(path, out var answers))
            {
                return false;
            }

            answer = answers.Dequeue();
            if (answers.Count == 0)
            {
                _answers.Remove(path);
            }

            return true;
        }
    }

    /// <summary>Drops every answer left: after a write or a navigation they may no longer be what the API would say.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _answers.Clear();
        }
    }

    public void Dispose()
    {
        if (_watchingNavigation)
        {
            _navigation.LocationChanged -= Forget;
        }

        _persisting.Dispose();
    }

    private void Forget(object? sender, LocationChangedEventArgs navigation) => Forget();

    private Task PersistAsync()
    {
        List<Recorded> kept;
        lock (_gate)
        {
            // Also called when a live circuit pauses: it records nothing, so nothing is written then.
            if (!_recording || _recorded.Count == 0)
            {
                _recording = false;
                return Task.CompletedTask;
            }

            _recording = false;
            kept = [.. _recorded];
            _recorded.Clear();
        }

        var recorded = kept.Count;
        while (kept.Count > 0)
        {
            var packed = Pack(kept);
            if (packed.Length <= _options.MaxCompressedBytes)
            {
                _state.PersistAsJson(StateKey, packed);
                _logger.LogDebug("Handed {Kept} of {Recorded} prerendered API answers to the circuit ({Bytes} bytes compressed)", kept.Count, recorded, packed.Length);
                return Task.CompletedTask;
            }

            // Too heavy for the circuit's start message: the largest answer is read again instead.
            kept.Remove(kept.MaxBy(answer => answer.Bytes)!);
        }

        return Task.CompletedTask;
    }

    private void Restore()
    {
        if (!_state.TryTakeFromJson<byte[]>(StateKey, out var packed) || packed is null)
        {
            return;
        }

        using var compressed = new MemoryStream(packed);
        using var brotli = new BrotliStream(compressed, CompressionMode.Decompress);
        var answers = JsonSerializer.Deserialize<Dictionary<string, List<JsonElement>>>(brotli) ?? [];
        lock (_gate)
        {
            foreach (var (path, list) in answers)
            {
                _answers[path] = new Queue<JsonElement>(list);
            }

            _expiresAt = _clock.GetUtcNow() + _options.Lifetime;
        }

        // Only a circuit restores answers, and its navigation manager is ready; outside one (an endpoint) it may not be.
        _navigation.LocationChanged += Forget;
        _watchingNavigation = true;
    }

    private static byte[] Pack(List<Recorded> answers)
    {
        var byPath = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            (byPath.TryGetValue(answer.Path, out var list) ? list : byPath[answer.Path] = []).Add(answer.Answer);
        }

        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest))
        {
            JsonSerializer.Serialize(brotli, byPath);
        }

        return compressed.ToArray();
    }

    private sealed record Recorded(string Path, JsonElement Answer, int Bytes);
}
