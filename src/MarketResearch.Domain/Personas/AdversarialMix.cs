namespace MarketResearch.Domain.Personas;

/// <summary>
/// Decides which panel slots are adversarial. Counts come from the same largest-remainder allocation as
/// demographics, so they are exact whenever share × N is whole and never off by a full persona otherwise.
/// </summary>
public static class AdversarialMix
{
    public static IReadOnlyDictionary<PersonaArchetype, int> Counts(int count, AdversarialOptions options)
    {
        if (!options.Enabled)
        {
            return new Dictionary<PersonaArchetype, int> { [PersonaArchetype.Standard] = count };
        }

        var adversarial = options.Shares;
        var standardShare = Math.Max(0, 1 - adversarial.Sum(entry => entry.Share));
        var weights = adversarial.Select(entry => entry.Share).Append(standardShare).ToArray();
        var archetypes = adversarial.Select(entry => entry.Archetype).Append(PersonaArchetype.Standard).ToArray();
        var counts = QuotaAllocator.Allocate(weights, count);
        return archetypes.Select((archetype, index) => (archetype, count: counts[index]))
            .ToDictionary(entry => entry.archetype, entry => entry.count);
    }

    /// <summary>One archetype per slot, placed by a seeded shuffle so adversarial personas are not bunched at the end.</summary>
    public static PersonaArchetype[] Assign(int count, AdversarialOptions options, long seed)
    {
        var slots = Counts(count, options)
            .SelectMany(entry => Enumerable.Repeat(entry.Key, entry.Value))
            .ToArray();
        SeededRandom.For(seed, "archetypes").Shuffle(slots);
        return slots;
    }
}
