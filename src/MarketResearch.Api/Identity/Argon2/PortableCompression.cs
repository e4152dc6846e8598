namespace MarketResearch.Api.Identity.Argon2;

/// <summary>
/// Argon2's compression function G (RFC 9106 section 3.5) in plain 64-bit arithmetic: the reference the vector kernels are
/// tested against, and the code for CPUs without AVX2.
/// </summary>
internal static class PortableCompression
{
    private const int Span = 16;

    // The 16 words P mixes: eight rows of 16 consecutive words, then eight columns of word pairs 2i, 2i+1 in each row.
    private static readonly int[][] RowWords = [.. Enumerable.Range(0, 8).Select(row => Enumerable.Range(16 * row, Span).ToArray())];
    private static readonly int[][] ColumnWords =
        [.. Enumerable.Range(0, 8).Select(column => Enumerable.Range(0, Span).Select(word => (16 * (word / 2)) + (2 * column) + (word % 2)).ToArray())];

    /// <summary>next = G(prev, reference), or next ^= G(prev, reference) when <paramref name="xorInto"/> (passes after the first).</summary>
    public static void Compress(ReadOnlySpan<ulong> prev, ReadOnlySpan<ulong> reference, Span<ulong> next, bool xorInto, Span<ulong> scratch)
    {
        var r = scratch[..Argon2Block.Words];
        for (var word = 0; word < Argon2Block.Words; word++)
        {
            r[word] = prev[word] ^ reference[word];
        }

        foreach (var words in RowWords)
        {
            Permute(r, words);
        }

        foreach (var words in ColumnWords)
        {
            Permute(r, words);
        }

        for (var word = 0; word < Argon2Block.Words; word++)
        {
            // Element by element, so reference may be next itself (the address generator does that).
            var result = r[word] ^ prev[word] ^ reference[word];
            next[word] = xorInto ? next[word] ^ result : result;
        }
    }

    /// <summary>The permutation P: BLAKE2b's round on 16 words, with fBlaMka's multiplications.</summary>
    private static void Permute(Span<ulong> v, int[] w)
    {
        Mix(ref v[w[0]], ref v[w[4]], ref v[w[8]], ref v[w[12]]);
        Mix(ref v[w[1]], ref v[w[5]], ref v[w[9]], ref v[w[13]]);
        Mix(ref v[w[2]], ref v[w[6]], ref v[w[10]], ref v[w[14]]);
        Mix(ref v[w[3]], ref v[w[7]], ref v[w[11]], ref v[w[15]]);
        Mix(ref v[w[0]], ref v[w[5]], ref v[w[10]], ref v[w[15]]);
        Mix(ref v[w[1]], ref v[w[6]], ref v[w[11]], ref v[w[12]]);
        Mix(ref v[w[2]], ref v[w[7]], ref v[w[8]], ref v[w[13]]);
        Mix(ref v[w[3]], ref v[w[4]], ref v[w[9]], ref v[w[14]]);
    }

    private static void Mix(ref ulong a, ref ulong b, ref ulong c, ref ulong d)
    {
        a = BlaMka(a, b);
        d = ulong.RotateRight(d ^ a, 32);
        c = BlaMka(c, d);
        b = ulong.RotateRight(b ^ c, 24);
        a = BlaMka(a, b);
        d = ulong.RotateRight(d ^ a, 16);
        c = BlaMka(c, d);
        b = ulong.RotateRight(b ^ c, 63);
    }

    private static ulong BlaMka(ulong x, ulong y) => x + y + (2 * (ulong)(uint)x * (uint)y);
}
