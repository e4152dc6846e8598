using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MarketResearch.Api.Identity.Argon2;

/// <summary>
/// G with AVX-512F on a block held whole in sixteen registers of eight words; rotations are single instructions (vprorq).
/// </summary>
/// <remarks>
/// Blocks are kept in memory in the order of those registers, not in Argon2's word order (<see cref="Positions"/>):
/// register 4k+x holds words 4x..4x+3 of rows 2k and 2k+1. Read one way, four registers are the quarters a, b, c, d of
/// two rows (lanes 0–3 and 4–7); read the other way, the same registers are the quarters of two columns, column i's four
/// words in lanes 0, 1, 4, 5 and column i+1's in lanes 2, 3, 6, 7. So the row and column steps of P need no shuffling at
/// all: only the diagonal step's lane rotations differ. Since G is xors and P, the order of the words in memory does not
/// matter, except where words enter or leave Argon2 (the first two blocks, the last one, J1 and the address blocks).
/// </remarks>
internal static class Vector512Compression
{
    private const int Lanes = 8;
    private const int RowWords = 16;

    private static readonly int[][] RowLanes = [[0, 1, 2, 3], [4, 5, 6, 7]];
    private static readonly int[][] ColumnLanes = [[0, 1, 4, 5], [2, 3, 6, 7]];

    private static readonly Vector512<ulong> RowOne = Rotation(RowLanes, 1);
    private static readonly Vector512<ulong> RowTwo = Rotation(RowLanes, 2);
    private static readonly Vector512<ulong> RowThree = Rotation(RowLanes, 3);
    private static readonly Vector512<ulong> ColumnOne = Rotation(ColumnLanes, 1);
    private static readonly Vector512<ulong> ColumnTwo = Rotation(ColumnLanes, 2);
    private static readonly Vector512<ulong> ColumnThree = Rotation(ColumnLanes, 3);

    /// <summary>Where Argon2's word w of a block is kept in memory by this kernel.</summary>
    public static readonly int[] Positions = [.. Enumerable.Range(0, Argon2Block.Words).Select(Position)];

    public static void Compress(ReadOnlySpan<ulong> prev, ReadOnlySpan<ulong> reference, Span<ulong> next, bool xorInto)
    {
        ref var p = ref MemoryMarshal.GetReference(prev[..Argon2Block.Words]);
        ref var q = ref MemoryMarshal.GetReference(reference[..Argon2Block.Words]);
        ref var n = ref MemoryMarshal.GetReference(next[..Argon2Block.Words]);

        var r0 = Xor(ref p, ref q, 0);
        var r1 = Xor(ref p, ref q, 1);
        var r2 = Xor(ref p, ref q, 2);
        var r3 = Xor(ref p, ref q, 3);
        var r4 = Xor(ref p, ref q, 4);
        var r5 = Xor(ref p, ref q, 5);
        var r6 = Xor(ref p, ref q, 6);
        var r7 = Xor(ref p, ref q, 7);
        var r8 = Xor(ref p, ref q, 8);
        var r9 = Xor(ref p, ref q, 9);
        var r10 = Xor(ref p, ref q, 10);
        var r11 = Xor(ref p, ref q, 11);
        var r12 = Xor(ref p, ref q, 12);
        var r13 = Xor(ref p, ref q, 13);
        var r14 = Xor(ref p, ref q, 14);
        var r15 = Xor(ref p, ref q, 15);

        // Rows 0–1, 2–3, 4–5, 6–7.
        var one = RowOne;
        var two = RowTwo;
        var three = RowThree;
        Round(ref r0, ref r1, ref r2, ref r3, one, two, three);
        Round(ref r4, ref r5, ref r6, ref r7, one, two, three);
        Round(ref r8, ref r9, ref r10, ref r11, one, two, three);
        Round(ref r12, ref r13, ref r14, ref r15, one, two, three);

        // Columns 0–1, 2–3, 4–5, 6–7.
        one = ColumnOne;
        two = ColumnTwo;
        three = ColumnThree;
        Round(ref r0, ref r4, ref r8, ref r12, one, two, three);
        Round(ref r1, ref r5, ref r9, ref r13, one, two, three);
        Round(ref r2, ref r6, ref r10, ref r14, one, two, three);
        Round(ref r3, ref r7, ref r11, ref r15, one, two, three);

        if (xorInto)
        {
            Accumulate(r0, ref p, ref q, ref n, 0);
            Accumulate(r1, ref p, ref q, ref n, 1);
            Accumulate(r2, ref p, ref q, ref n, 2);
            Accumulate(r3, ref p, ref q, ref n, 3);
            Accumulate(r4, ref p, ref q, ref n, 4);
            Accumulate(r5, ref p, ref q, ref n, 5);
            Accumulate(r6, ref p, ref q, ref n, 6);
            Accumulate(r7, ref p, ref q, ref n, 7);
            Accumulate(r8, ref p, ref q, ref n, 8);
            Accumulate(r9, ref p, ref q, ref n, 9);
            Accumulate(r10, ref p, ref q, ref n, 10);
            Accumulate(r11, ref p, ref q, ref n, 11);
            Accumulate(r12, ref p, ref q, ref n, 12);
            Accumulate(r13, ref p, ref q, ref n, 13);
            Accumulate(r14, ref p, ref q, ref n, 14);
            Accumulate(r15, ref p, ref q, ref n, 15);
        }
        else
        {
            // Each register is stored after its own words were read, so reference may be next itself (address blocks).
            Store(r0, ref p, ref q, ref n, 0);
            Store(r1, ref p, ref q, ref n, 1);
            Store(r2, ref p, ref q, ref n, 2);
            Store(r3, ref p, ref q, ref n, 3);
            Store(r4, ref p, ref q, ref n, 4);
            Store(r5, ref p, ref q, ref n, 5);
            Store(r6, ref p, ref q, ref n, 6);
            Store(r7, ref p, ref q, ref n, 7);
            Store(r8, ref p, ref q, ref n, 8);
            Store(r9, ref p, ref q, ref n, 9);
            Store(r10, ref p, ref q, ref n, 10);
            Store(r11, ref p, ref q, ref n, 11);
            Store(r12, ref p, ref q, ref n, 12);
            Store(r13, ref p, ref q, ref n, 13);
            Store(r14, ref p, ref q, ref n, 14);
            Store(r15, ref p, ref q, ref n, 15);
        }
    }

    /// <summary>Register 4k+x, lane l: word 4x + l % 4 of row 2k + l / 4.</summary>
    private static int Position(int word)
    {
        var row = word / RowWords;
        var column = word % RowWords;
        return ((((row / 2) * 4) + (column / 4)) * Lanes) + ((row % 2) * 4) + (column % 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Xor(ref ulong p, ref ulong q, nuint register) =>
        Vector512.LoadUnsafe(ref p, register * Lanes) ^ Vector512.LoadUnsafe(ref q, register * Lanes);

    /// <summary>G's output: P's result xor its input R = prev ^ reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<ulong> permuted, ref ulong p, ref ulong q, ref ulong n, nuint register) =>
        (permuted ^ Xor(ref p, ref q, register)).StoreUnsafe(ref n, register * Lanes);

    /// <summary>Passes after the first xor G's output into the block they overwrite (Argon2 v1.3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Vector512<ulong> permuted, ref ulong p, ref ulong q, ref ulong n, nuint register) =>
        Vector512.Xor(permuted ^ Xor(ref p, ref q, register), Vector512.LoadUnsafe(ref n, register * Lanes)).StoreUnsafe(ref n, register * Lanes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(
        ref Vector512<ulong> a, ref Vector512<ulong> b, ref Vector512<ulong> c, ref Vector512<ulong> d,
        Vector512<ulong> one, Vector512<ulong> two, Vector512<ulong> three)
    {
        Mix(ref a, ref b, ref c, ref d);
        b = Avx512F.PermuteVar8x64(b, one);
        c = Avx512F.PermuteVar8x64(c, two);
        d = Avx512F.PermuteVar8x64(d, three);
        Mix(ref a, ref b, ref c, ref d);
        b = Avx512F.PermuteVar8x64(b, three);
        c = Avx512F.PermuteVar8x64(c, two);
        d = Avx512F.PermuteVar8x64(d, one);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix(ref Vector512<ulong> a, ref Vector512<ulong> b, ref Vector512<ulong> c, ref Vector512<ulong> d)
    {
        a = BlaMka(a, b);
        d = Avx512F.RotateRight(d ^ a, 32);
        c = BlaMka(c, d);
        b = Avx512F.RotateRight(b ^ c, 24);
        a = BlaMka(a, b);
        d = Avx512F.RotateRight(d ^ a, 16);
        c = BlaMka(c, d);
        b = Avx512F.RotateRight(b ^ c, 63);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> BlaMka(Vector512<ulong> x, Vector512<ulong> y)
    {
        var product = Avx512F.Multiply(x.AsUInt32(), y.AsUInt32());
        return x + y + product + product;
    }

    /// <summary>Lane indices that move each group's k-th word to where its (k + shift)-th word was (BLAKE2b's diagonal step).</summary>
    private static Vector512<ulong> Rotation(int[][] groups, int shift)
    {
        var indices = new ulong[Vector512<ulong>.Count];
        foreach (var lanes in groups)
        {
            for (var word = 0; word < lanes.Length; word++)
            {
                indices[lanes[word]] = (ulong)lanes[(word + shift) % lanes.Length];
            }
        }

        return Vector512.Create(indices);
    }
}
