using System.Globalization;

namespace MarketResearch.AI.Offline;

/// <summary>Writes the parts of a persona's profile (headline, story, values...) from its demographics and traits.</summary>
internal sealed class ProfileWriter(PersonaContext persona, ConversationReading reading, PersonaDisposition disposition, DeterministicRandom random)
{
    private const double HighTrait = 0.65;
    private const double LowTrait = 0.35;
    private const double PriceStrainedAbove = 0.6;

    private BigFiveTraits Traits => persona.BigFive;

    public string Headline()
    {
        var who = $"{Who()}{(persona.Location is { Length: > 0 } location ? $" from {location}" : string.Empty)}";
        var how = random.Pick(TraitPhrases().ToList());
        return Capitalize($"{who} who {how}");
    }

    public string BackgroundStory()
    {
        var name = persona.Name ?? "This person";
        var sentences = new List<string>
        {
            $"{name} is {Who()}{(persona.Location is { Length: > 0 } location ? $" living in {location}" : string.Empty)}.",
            $"Friends would describe {Pronoun()} as someone who {random.Pick(TraitPhrases().ToList())}.",
            disposition.PriceSensitivity > PriceStrainedAbove
                ? $"Money is tight ({persona.IncomeBand ?? "a modest income"}), so every purchase is weighed carefully."
                : $"With {(persona.IncomeBand is { Length: > 0 } band ? $"an income in the {band} band" : "a steady income")}, quality matters more than the last cent.",
            $"Free time goes to {string.Join(" and ", Interests(2))}.",
        };
        if (reading.SourceMarkers.Count > 0)
        {
            sentences.Add($"Their habits match what the project's research describes {string.Join(' ', reading.SourceMarkers.Take(2))}.");
        }

        return string.Join(' ', sentences);
    }

    public IReadOnlyList<string> Values(int count) => WeightedDistinct(ProfilePhrases.Values, count);

    public IReadOnlyList<string> Interests(int count) => WeightedDistinct(ProfilePhrases.Interests, count);

    public IReadOnlyList<string> NeedsAndPains(int count)
    {
        var pool = new List<string>();
        if (disposition.PriceSensitivity > PriceStrainedAbove)
        {
            pool.Add(random.Pick(ProfilePhrases.BudgetPains));
        }

        if (Traits.Neuroticism > HighTrait)
        {
            pool.Add(random.Pick(ProfilePhrases.WorryPains));
        }

        if (Traits.Conscientiousness > HighTrait || persona.Occupation is { Length: > 0 })
        {
            pool.Add(random.Pick(ProfilePhrases.BusyPains));
        }

        if (persona.Location?.Contains("rural", StringComparison.OrdinalIgnoreCase) == true)
        {
            pool.Add(random.Pick(ProfilePhrases.RuralPains));
        }

        while (pool.Count < count)
        {
            var need = random.Pick(ProfilePhrases.Needs);
            if (!pool.Contains(need))
            {
                pool.Add(need);
            }
        }

        return pool.Take(count).ToList();
    }

    public string CommunicationStyle() => random.Pick(
        Traits.Agreeableness < LowTrait ? ProfilePhrases.BluntCommunication
        : Traits.Extraversion >= 0.5 ? ProfilePhrases.OutgoingCommunication
        : ProfilePhrases.ReservedCommunication);

    public string DecisionStyle() => random.Pick(
        Traits.Neuroticism > HighTrait ? ProfilePhrases.CautiousDecisions
        : Traits.Conscientiousness > HighTrait ? ProfilePhrases.MethodicalDecisions
        : Traits.Openness > HighTrait && Traits.Conscientiousness < 0.5 ? ProfilePhrases.SpontaneousDecisions
        : ProfilePhrases.PragmaticDecisions);

    private IEnumerable<string> TraitPhrases()
    {
        if (Traits.Openness > HighTrait)
        {
            yield return "is always looking for the next new thing";
        }

        if (Traits.Openness < LowTrait)
        {
            yield return "prefers familiar brands and routines";
        }

        if (Traits.Conscientiousness > HighTrait)
        {
            yield return "plans every purchase";
        }

        if (Traits.Extraversion > HighTrait)
        {
            yield return "loves sharing opinions with friends";
        }

        if (Traits.Agreeableness < LowTrait)
        {
            yield return "doesn't take marketing claims at face value";
        }

        if (Traits.Neuroticism > HighTrait)
        {
            yield return "worries about making the wrong choice";
        }

        yield return "wants good value from everyday products";
    }

    private IReadOnlyList<string> WeightedDistinct((string Item, Func<BigFiveTraits, double> Weight)[] bank, int count)
    {
        var remaining = bank.ToList();
        var chosen = new List<string>();
        while (chosen.Count < count && remaining.Count > 0)
        {
            var index = random.PickWeighted(remaining.Select(entry => entry.Weight(Traits)).ToList());
            chosen.Add(remaining[index].Item);
            remaining.RemoveAt(index);
        }

        return chosen;
    }

    /// <summary>"a 34-year-old nurse", "an 81-year-old retiree", "an engineer".</summary>
    private string Who()
    {
        var occupation = persona.Occupation?.ToLowerInvariant() ?? "consumer";
        var described = persona.Age is { } age ? $"{age.ToString(CultureInfo.InvariantCulture)}-year-old {occupation}" : occupation;
        return $"{(StartsWithVowelSound(described) ? "an" : "a")} {described}";
    }

    private static bool StartsWithVowelSound(string words) =>
        "aeiou".Contains(words[0], StringComparison.Ordinal) || words.StartsWith('8') || words.StartsWith("11-", StringComparison.Ordinal)
        || words.StartsWith("18-", StringComparison.Ordinal);

    private string Pronoun() => persona.Gender?.ToLowerInvariant() switch
    {
        "female" or "woman" or "f" or "kobieta" => "her",
        "male" or "man" or "m" or "mężczyzna" => "him",
        _ => "them",
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
