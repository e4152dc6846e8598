using System.Text;

namespace MarketResearch.AI.Offline;

/// <summary>
/// SplitMix64 seeded from a stable hash: unlike <see cref="Random"/> its sequence is fixed across runtimes,
/// so an offline answer stays the same for the same seed, persona and prompt on every machine.
/// </summary>
internal sealed class DeterministicRandom
{
    // SplitMix64 and FNV-1a constants, as published with the algorithms.
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;
    private const ulong MixMultiplier1 = 0xBF58476D1CE4E5B9;
    private const ulong MixMultiplier2 = 0x94D049BB133111EB;
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325;
    private const ulong FnvPrime = 0x100000001B3;
    private const int MantissaBits = 53;
    private const char PartSeparator = '\u001F';

    private ulong state;

    private DeterministicRandom(ulong seed) => state = seed;

    /// <summary>A generator keyed by every part given, in order.</summary>
    public static DeterministicRandom For(params string[] parts) => new(StableHash(string.Join(PartSeparator, parts)));

    /// <summary>An independent stream for one concern, so adding a draw in one place leaves the others unchanged.</summary>
    public DeterministicRandom Fork(string concern) => new(state ^ StableHash(concern));

    public double NextDouble() => (NextUInt64() >> (64 - MantissaBits)) * (1.0 / (1UL << MantissaBits));

    /// <summary>A uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextDouble() * maxExclusive);

    /// <summary>A uniform integer in [min, maxInclusive].</summary>
    public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Picks an index with probability proportional to its weight (non-positive weights never win).</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = weights.Sum(weight => Math.Max(weight, 0));
        if (total <= 0)
        {
            return Next(weights.Count);
        }

        var target = NextDouble() * total;
        for (var index = 0; index < weights.Count; index++)
        {
            target -= Math.Max(weights[index], 0);
            if (target < 0)
            {
                return index;
            }
        }

        return weights.Count - 1;
    }

    private ulong NextUInt64()
    {
        state += GoldenGamma;
        var mixed = state;
        mixed = (mixed ^ (mixed >> 30)) * MixMultiplier1;
        mixed = (mixed ^ (mixed >> 27)) * MixMultiplier2;
        return mixed ^ (mixed >> 31);
    }

    private static ulong StableHash(string text)
    {
        var hash = FnvOffsetBasis;
        foreach (var octet in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ octet) * FnvPrime;
        }

        return hash;
    }
}
