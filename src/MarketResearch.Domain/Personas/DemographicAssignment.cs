using MarketResearch.Domain.Projects;

namespace MarketResearch.Domain.Personas;

/// <summary>
/// Turns per-category quotas into one demographic profile per panel slot. Each category's quota is dealt
/// out as a shuffled deck, so every marginal count is met exactly; edge-case slots are dealt first from the
/// rare end of each deck, and implausible combinations are then repaired by swaps that keep the counts.
/// </summary>
public static class DemographicAssignment
{
    public static PersonaDemographics[] Assign(TargetAudience audience, IReadOnlyList<PersonaArchetype> archetypes, long seed)
    {
        var slots = archetypes.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        var isEdgeCase = archetypes.Select(archetype => archetype == PersonaArchetype.EdgeCase).ToArray();
        foreach (var category in CanonicalOrder(audience))
        {
            var quotas = QuotaAllocator.Allocate(audience.Distributions[category], slots.Length);
            Deal(category, quotas, slots, isEdgeCase, SeededRandom.For(seed, $"demographics:{category}"));
        }

        DemographicPlausibility.Repair(slots, isEdgeCase);
        return slots.Select(slot => new PersonaDemographics(slot)).ToArray();
    }

    /// <summary>Known categories in their documented order, then any others by name, so key order in the request never matters.</summary>
    public static IEnumerable<string> CanonicalOrder(TargetAudience audience) =>
        AudienceCategories.All.Where(audience.Distributions.ContainsKey)
            .Concat(audience.Distributions.Keys.Where(category => !AudienceCategories.IsKnown(category)).Order(StringComparer.Ordinal));

    private static void Deal(
        string category, IReadOnlyDictionary<string, int> quotas, Dictionary<string, string>[] slots, bool[] isEdgeCase, SeededRandom random)
    {
        var remaining = new Dictionary<string, int>(quotas, StringComparer.Ordinal);
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (isEdgeCase[slot])
            {
                var value = DrawUncommon(quotas, remaining, random);
                slots[slot][category] = value;
                remaining[value]--;
            }
        }

        var deck = remaining.SelectMany(cell => Enumerable.Repeat(cell.Key, cell.Value)).ToArray();
        random.Shuffle(deck);
        var next = 0;
        for (var slot = 0; slot < slots.Length; slot++)
        {
            if (!isEdgeCase[slot])
            {
                slots[slot][category] = deck[next++];
            }
        }
    }

    /// <summary>Picks a value still in the deck with odds inverse to its squared quota, so rare values dominate edge cases.</summary>
    private static string DrawUncommon(IReadOnlyDictionary<string, int> quotas, Dictionary<string, int> remaining, SeededRandom random)
    {
        var candidates = remaining.Where(cell => cell.Value > 0).Select(cell => (cell.Key, Weight: 1.0 / ((double)quotas[cell.Key] * quotas[cell.Key]))).ToArray();
        var target = random.NextDouble() * candidates.Sum(candidate => candidate.Weight);
        foreach (var (value, weight) in candidates)
        {
            target -= weight;
            if (target < 0)
            {
                return value;
            }
        }

        return candidates[^1].Key;
    }
}
