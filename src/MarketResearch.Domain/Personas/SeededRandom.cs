namespace MarketResearch.Domain.Personas;

/// <summary>
/// A small xoshiro256** generator seeded through SplitMix64. We own the algorithm because
/// <see cref="Random"/> does not promise the same sequence across .NET versions, and panels must replay from a seed.
/// </summary>
public sealed class SeededRandom
{
    private const ulong SplitMixIncrement = 0x9E3779B97F4A7C15;
    private const ulong SplitMixMultiplier1 = 0xBF58476D1CE4E5B9;
    private const ulong SplitMixMultiplier2 = 0x94D049BB133111EB;
    private const ulong FnvOffsetBasis = 0xCBF29CE484222325;
    private const ulong FnvPrime = 0x100000001B3;
    private const int MantissaBits = 53;
    private const double MantissaScale = 1.0 / (1UL << MantissaBits);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    private SeededRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>An independent stream per purpose, so adding draws to one step never shifts another step's values.</summary>
    public static SeededRandom For(long seed, string purpose, long index = 0) => new((ulong)DeriveSeed(seed, purpose, index));

    /// <summary>Mixes a seed, a purpose and an index into a new well-spread 64-bit seed.</summary>
    public static long DeriveSeed(long seed, string purpose, long index = 0)
    {
        var state = (ulong)seed ^ StableHash(purpose);
        var mixed = SplitMix(ref state);
        state = mixed ^ (ulong)index;
        return (long)SplitMix(ref state);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> (64 - MantissaBits)) * MantissaScale;

    /// <summary>A uniform integer in [0, exclusiveMax).</summary>
    public int NextInt(int exclusiveMax)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exclusiveMax);

        // The product is below exclusiveMax in exact arithmetic; the clamp guards against rounding up.
        return Math.Min((int)(NextDouble() * exclusiveMax), exclusiveMax - 1);
    }

    /// <summary>A standard normal draw (Box–Muller); 1 − u keeps the logarithm away from zero.</summary>
    public double NextGaussian()
    {
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble()));
        return radius * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    // The shifts and multipliers are those of the reference xoshiro256** (Blackman & Vigna, 2018).
    private ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += SplitMixIncrement;
        z = (z ^ (z >> 30)) * SplitMixMultiplier1;
        z = (z ^ (z >> 27)) * SplitMixMultiplier2;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a, because <see cref="string.GetHashCode()"/> is randomised per process.</summary>
    private static ulong StableHash(string text)
    {
        var hash = FnvOffsetBasis;
        foreach (var character in text)
        {
            hash = (hash ^ character) * FnvPrime;
        }

        return hash;
    }
}
