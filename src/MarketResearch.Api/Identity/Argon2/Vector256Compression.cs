using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MarketResearch.Api.Identity.Argon2;

/// <summary>
/// G with AVX2: a row's (or a column's) 16 words as four registers a, b, c, d of four words, BLAKE2b's column step
/// lane-wise, then the diagonal step after rotating b, c and d by one, two and three lanes.
/// </summary>
internal static class Vector256Compression
{
    private const byte RotateOneLane = 0b00_11_10_01;
    private const byte RotateTwoLanes = 0b01_00_11_10;
    private const byte RotateThreeLanes = 0b10_01_00_11;
    private const byte SwapHalves = 0b10_11_00_01;

    // Byte shuffles that rotate every 64-bit word right by 3 and by 2 bytes.
    private static readonly Vector256<byte> Rotate24 = Vector256.Create((byte)3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
    private static readonly Vector256<byte> Rotate16 = Vector256.Create((byte)2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);

    public static void Compress(ReadOnlySpan<ulong> prev, ReadOnlySpan<ulong> reference, Span<ulong> next, bool xorInto, Span<ulong> scratch)
    {
        ref var p = ref MemoryMarshal.GetReference(prev[..Argon2Block.Words]);
        ref var q = ref MemoryMarshal.GetReference(reference[..Argon2Block.Words]);
        ref var n = ref MemoryMarshal.GetReference(next[..Argon2Block.Words]);
        ref var r = ref MemoryMarshal.GetReference(scratch[..Argon2Block.Words]);

        for (nuint row = 0; row < 128; row += 16)
        {
            var a = Vector256.LoadUnsafe(ref p, row) ^ Vector256.LoadUnsafe(ref q, row);
            var b = Vector256.LoadUnsafe(ref p, row + 4) ^ Vector256.LoadUnsafe(ref q, row + 4);
            var c = Vector256.LoadUnsafe(ref p, row + 8) ^ Vector256.LoadUnsafe(ref q, row + 8);
            var d = Vector256.LoadUnsafe(ref p, row + 12) ^ Vector256.LoadUnsafe(ref q, row + 12);
            Round(ref a, ref b, ref c, ref d);
            a.StoreUnsafe(ref r, row);
            b.StoreUnsafe(ref r, row + 4);
            c.StoreUnsafe(ref r, row + 8);
            d.StoreUnsafe(ref r, row + 12);
        }

        for (nuint column = 0; column < 16; column += 2)
        {
            var a = Load(ref r, column);
            var b = Load(ref r, column + 32);
            var c = Load(ref r, column + 64);
            var d = Load(ref r, column + 96);
            Round(ref a, ref b, ref c, ref d);
            Finish(a, ref p, ref q, ref n, column, xorInto);
            Finish(b, ref p, ref q, ref n, column + 32, xorInto);
            Finish(c, ref p, ref q, ref n, column + 64, xorInto);
            Finish(d, ref p, ref q, ref n, column + 96, xorInto);
        }
    }

    /// <summary>Words (offset, offset+1) of one row and the same two of the next row: four consecutive words of a column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Load(ref ulong block, nuint offset) =>
        Vector256.Create(Vector128.LoadUnsafe(ref block, offset), Vector128.LoadUnsafe(ref block, offset + 16));

    /// <summary>Stores G's output words: P's result xor the input R = prev ^ reference (xor the old block on later passes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector256<ulong> permuted, ref ulong p, ref ulong q, ref ulong n, nuint offset, bool xorInto)
    {
        var result = permuted ^ Load(ref p, offset) ^ Load(ref q, offset);
        if (xorInto)
        {
            result ^= Load(ref n, offset);
        }

        result.GetLower().StoreUnsafe(ref n, offset);
        result.GetUpper().StoreUnsafe(ref n, offset + 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector256<ulong> a, ref Vector256<ulong> b, ref Vector256<ulong> c, ref Vector256<ulong> d)
    {
        Mix(ref a, ref b, ref c, ref d);
        b = Avx2.Permute4x64(b, RotateOneLane);
        c = Avx2.Permute4x64(c, RotateTwoLanes);
        d = Avx2.Permute4x64(d, RotateThreeLanes);
        Mix(ref a, ref b, ref c, ref d);
        b = Avx2.Permute4x64(b, RotateThreeLanes);
        c = Avx2.Permute4x64(c, RotateTwoLanes);
        d = Avx2.Permute4x64(d, RotateOneLane);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Mix(ref Vector256<ulong> a, ref Vector256<ulong> b, ref Vector256<ulong> c, ref Vector256<ulong> d)
    {
        a = BlaMka(a, b);
        d = Avx2.Shuffle((d ^ a).AsUInt32(), SwapHalves).AsUInt64();
        c = BlaMka(c, d);
        b = Avx2.Shuffle((b ^ c).AsByte(), Rotate24).AsUInt64();
        a = BlaMka(a, b);
        d = Avx2.Shuffle((d ^ a).AsByte(), Rotate16).AsUInt64();
        c = BlaMka(c, d);
        var x = b ^ c;
        b = (x + x) | Vector256.ShiftRightLogical(x, 63);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> BlaMka(Vector256<ulong> x, Vector256<ulong> y)
    {
        var product = Avx2.Multiply(x.AsUInt32(), y.AsUInt32());
        return x + y + product + product;
    }
}
