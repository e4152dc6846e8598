using System.Globalization;
using System.Text.Json;

namespace MarketResearch.AI.Offline;

/// <summary>
/// Fills single fields of a schema by what their names mean in research: a "headline" from the profile writer,
/// an "answer" in the persona's voice, a "sentiment" from its disposition, "themes" from the transcript.
/// </summary>
internal sealed class SchemaFieldWriter(OfflineScene scene)
{
    private const double DefaultNumberMax = 1;
    private const int DefaultIntegerMax = 10;
    private const double ScaleNoise = 0.1;
    private const double StrongBoost = 2;
    private const int MaxPadding = 20;

    private static readonly string[] Emotions = ["enthusiasm", "curiosity", "trust", "indifference", "doubt", "frustration", "anxiety"];

    private readonly DeterministicRandom random = scene.Random.Fork("fields");

    private double Sentiment => scene.Disposition.Sentiment;

    public string Text(JsonElement schema, FieldPath path)
    {
        var text = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format)
            ? Formatted(format.GetString()) ?? Named(path)
            : Named(path);

        var minLength = SchemaAnswerWriter.Bound(schema, "minLength") ?? 0;
        for (var padding = 0; text.Length < minLength && padding < MaxPadding; padding++)
        {
            text += " " + scene.Voice.Remark();
        }

        var maxLength = SchemaAnswerWriter.Bound(schema, "maxLength");
        return maxLength is { } max && text.Length > max ? text[..max] : text;
    }

    public double Number(JsonElement schema, FieldPath path, bool integer)
    {
        var name = path.Name;
        var sentimentLike = Has(name, "sentiment", "polarity", "valence");
        var (min, max) = Range(schema, integer, sentimentLike);
        var position = (Sentiment + 1) / 2;
        var value = name switch
        {
            _ when sentimentLike && scene.Persona is null => min + (((scene.Insights.Sentiment(ThemeIndex(path)) + 1) / 2) * (max - min)),
            _ when sentimentLike => min + (position * (max - min)),
            _ when Has(name, "rating", "score", "stars", "likelihood", "intent", "satisfaction", "nps", "agreement", "interest", "willingness") =>
                min + (Math.Clamp(position + random.Between(-ScaleNoise, ScaleNoise), 0, 1) * (max - min)),
            _ when Has(name, "age") && scene.Persona?.Age is { } age => age,
            _ when Has(name, "confidence", "intensity", "prevalence", "strength", "importance", "weight", "share") =>
                random.Between(min + ((max - min) / 2), max),
            _ => random.Between(min, max),
        };
        value = Math.Clamp(value, min, max);
        return integer ? Math.Round(value) : Math.Round(value, 3);
    }

    public bool Boolean(FieldPath path) => path.Name switch
    {
        var name when Has(name, "concern", "worr", "negative", "reject") => Sentiment < 0,
        var name when Has(name, "agree", "buy", "recommend", "interest", "like", "positive", "purchase", "try", "adopt") => Sentiment > 0,
        _ => random.Chance(0.5),
    };

    /// <summary>The index of the option this persona would choose.</summary>
    public int ChooseOption(IReadOnlyList<JsonElement> options, FieldPath path)
    {
        var labels = options.Select(o => o.ToString().ToLowerInvariant()).ToList();
        var ordinal = OptionScale.Direction(labels);
        if (ordinal != 0)
        {
            var position = Math.Clamp(((Sentiment + 1) / 2) + random.Between(-ScaleNoise, ScaleNoise), 0, 1);
            var index = (int)Math.Round(position * (labels.Count - 1));
            return ordinal > 0 ? index : labels.Count - 1 - index;
        }

        return random.PickWeighted(labels.Select(Affinity).ToList());
    }

    /// <summary>A persona-weighted subset for multiple choice, within the array's item bounds.</summary>
    public IReadOnlyList<JsonElement> ChooseSeveral(IReadOnlyList<JsonElement> options, FieldPath path, int min, int max)
    {
        var count = Math.Clamp(random.Between(1, Math.Min(DefaultIntegerMax, options.Count) / 2 + 1), Math.Max(min, 0), Math.Min(max, options.Count));
        var remaining = options.ToList();
        var chosen = new List<JsonElement>();
        while (chosen.Count < count && remaining.Count > 0)
        {
            var index = random.PickWeighted(remaining.Select(o => Affinity(o.ToString().ToLowerInvariant())).ToList());
            chosen.Add(remaining[index]);
            remaining.RemoveAt(index);
        }

        return chosen;
    }

    /// <summary>Lists whose items only make sense together (distinct values, the people agreed with).</summary>
    public IReadOnlyList<string>? NamedList(FieldPath path, int min, int max)
    {
        var count = Math.Clamp(random.Between(3, 5), min, max);
        var name = path.Name;
        return name switch
        {
            "values" or "corevalues" => scene.Profile.Values(count),
            "interests" or "hobbies" => scene.Profile.Interests(count),
            _ when Has(name, "needs", "pains", "painpoints", "frustrations") => scene.Profile.NeedsAndPains(count),
            "agreeswith" or "agreedwith" or "supports" => Fit(scene.Voice.AgreesWith, min, max),
            "disagreeswith" or "disagreedwith" or "criticizes" or "criticises" => Fit(scene.Voice.DisagreesWith, min, max),
            "citations" or "sources" => Fit(scene.Reading.SourceMarkers, min, max),
            _ => null,
        };
    }

    private string Named(FieldPath path)
    {
        var name = path.Name;
        var persona = scene.Persona is not null;
        return name switch
        {
            "headline" => scene.Profile.Headline(),
            _ when Has(name, "backgroundstory", "background", "biography", "bio", "story") => scene.Profile.BackgroundStory(),
            _ when Has(name, "communication") => scene.Profile.CommunicationStyle(),
            _ when Has(name, "decision") => scene.Profile.DecisionStyle(),
            _ when Has(name, "followup", "probe", "nextquestion") => scene.Insights.FollowUpQuestion(),
            _ when Has(name, "quote", "verbatim") => persona ? scene.Voice.Remark() : scene.Insights.Quote(),
            _ when Has(name, "recommendation") => scene.Insights.Recommendation(path.Index),
            _ when Has(name, "surprising", "finding") => scene.Insights.SurprisingFinding(path.Index),
            _ when Has(name, "insight") => scene.Insights.Insight(path.Index),
            _ when Has(name, "summary", "overview", "conclusion") => persona ? scene.Voice.Answer() : scene.Insights.Summary(),
            _ when Has(name, "emotion", "feeling") => Emotions[(int)Math.Round((1 - ((Sentiment + 1) / 2)) * (Emotions.Length - 1))],
            _ when Has(name, "sentiment", "tone", "stance") => Sentiment > 0.2 ? "positive" : Sentiment < -0.2 ? "negative" : "mixed",
            _ when Has(name, "theme", "concept", "title", "label", "topic", "keyword") => scene.Insights.ThemeName(path.Index),
            "name" => Has(path.Parent, "persona", "participant", "speaker") ? scene.Persona?.Name ?? "Participant" : scene.Insights.ThemeName(path.Index),
            _ when Has(name, "description", "explanation", "rationale", "reason", "evidence", "why", "detail") =>
                persona ? scene.Voice.Remark() : scene.Insights.ThemeDescription(path.Index),
            "occupation" => scene.Persona?.Occupation ?? "not stated",
            "location" => scene.Persona?.Location ?? "not stated",
            "gender" => scene.Persona?.Gender ?? "not stated",
            "segment" => scene.Persona?.Occupation ?? "all participants",
            _ when Has(name, "answer", "response", "reply", "opinion", "comment", "text", "statement", "feedback", "reaction", "content", "message") =>
                persona ? scene.Voice.Answer() : scene.Insights.Summary(),
            _ => persona ? scene.Voice.Remark() : scene.Insights.Insight(path.Index),
        };
    }

    private string? Formatted(string? format) => format switch
    {
        "date-time" => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(525_600)).ToString("O", CultureInfo.InvariantCulture),
        "date" => new DateOnly(2025, 1, 1).AddDays(random.Next(365)).ToString("O", CultureInfo.InvariantCulture),
        "uuid" => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()).ToString(),
        "email" => $"participant{random.Next(10_000).ToString(CultureInfo.InvariantCulture)}@example.com",
        "uri" => $"https://example.com/{random.Next(10_000).ToString(CultureInfo.InvariantCulture)}",
        _ => null,
    };

    /// <summary>How strongly an option's wording appeals to this persona (1 is indifferent).</summary>
    private double Affinity(string option)
    {
        var words = ConversationReading.WordsOf(option).ToList();
        var traits = scene.Persona?.BigFive ?? BigFiveTraits.Average;
        var weight = 1.0;
        weight += words.Any(OptionScale.ThriftWords.Contains) ? StrongBoost * scene.Disposition.PriceSensitivity : 0;
        weight += words.Any(OptionScale.PremiumWords.Contains) ? StrongBoost * (1 - scene.Disposition.PriceSensitivity) : 0;
        weight += words.Any(OfflineLexicon.NoveltyWords.Contains) ? StrongBoost * traits.Openness : 0;
        weight += words.Any(OptionScale.FamiliarWords.Contains) ? StrongBoost * (1 - traits.Openness) : 0;
        weight += words.Any(OfflineLexicon.RiskWords.Contains) ? StrongBoost * traits.Neuroticism : 0;
        weight += words.Any(OptionScale.SocialWords.Contains) ? StrongBoost * traits.Extraversion : 0;
        return weight;
    }

    private static (double Min, double Max) Range(JsonElement schema, bool integer, bool sentimentLike)
    {
        double? Read(string keyword) =>
            schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

        var step = integer ? 1 : 1e-3;
        var min = Read("minimum") ?? (Read("exclusiveMinimum") + step) ?? (sentimentLike ? -1 : 0);
        var max = Read("maximum") ?? (Read("exclusiveMaximum") - step) ?? (sentimentLike ? 1 : integer ? Math.Max(min, 0) + DefaultIntegerMax : Math.Max(min, 0) + DefaultNumberMax);
        if (integer)
        {
            (min, max) = (Math.Ceiling(min), Math.Floor(max));
        }

        return (min, Math.Max(min, max));
    }

    private static List<string> Fit(IReadOnlyList<string> items, int min, int max)
    {
        var fitted = items.Take(max).ToList();
        for (var filler = 1; fitted.Count < min; filler++)
        {
            fitted.Add($"Participant {filler.ToString(CultureInfo.InvariantCulture)}");
        }

        return fitted;
    }

    /// <summary>Inside a list of themes the value belongs to one theme; elsewhere to the whole discussion.</summary>
    private static int? ThemeIndex(FieldPath path) => Has(path.Parent, "theme", "concept", "topic") ? path.Index : null;

    private static bool Has(string name, params string[] fragments) =>
        fragments.Any(fragment => name.Contains(fragment, StringComparison.Ordinal));
}
