using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Geralt;

namespace MarketResearch.Api.Identity.Argon2;

/// <summary>
/// Argon2id v1.3 (RFC 9106) for one lane (p = 1), with no secret and no associated data: what libsodium's
/// crypto_pwhash computes. Block memory comes from <see cref="Argon2Memory"/> and is reused; BLAKE2b (H0, H' and the tag)
/// is libsodium's, through Geralt.
/// </summary>
internal sealed class ManagedArgon2id(Argon2Memory memory, Argon2Kernel kernel)
{
    // The AVX-512 kernel keeps each block's words in its registers' order; the others in Argon2's.
    private readonly int[] _positions = kernel == Argon2Kernel.Vector512
        ? Vector512Compression.Positions
        : [.. Enumerable.Range(0, Argon2Block.Words)];

    /// <summary>Two blocks per slice, Argon2's minimum for one lane.</summary>
    public const int MinMemoryKiB = 2 * SyncPoints;

    private const int SyncPoints = 4;
    private const int Argon2idType = 2;
    private const int SeedBytes = 64;

    /// <summary>Blocks after the lane: a zero block, the address generator's input and output, and a working copy.</summary>
    private const int WorkingBlocks = 4;
    private const int ZeroBlock = 0;
    private const int InputBlock = 1;
    private const int AddressBlock = 2;
    private const int ScratchBlock = 3;

    /// <summary>Writes the Argon2id tag of <paramref name="password"/> into <paramref name="tag"/> (its whole length).</summary>
    public void Hash(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, Span<byte> tag)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryKiB, MinMemoryKiB);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var blocks = memoryKiB / SyncPoints * SyncPoints;
        var buffer = memory.Rent((blocks + WorkingBlocks) * Argon2Block.Words);
        Span<byte> seed = stackalloc byte[SeedBytes + (2 * sizeof(uint))];
        try
        {
            var lane = buffer.Words[..(blocks * Argon2Block.Words)];
            var working = buffer.Words.Slice(lane.Length, WorkingBlocks * Argon2Block.Words);
            Seed(seed[..SeedBytes], password, salt, memoryKiB, iterations, tag.Length);
            // B[0][j] = H'(1024, H0 || LE32(j) || LE32(lane 0)).
            for (var block = 0; block < 2; block++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(seed[SeedBytes..], (uint)block);
                BinaryPrimitives.WriteUInt32LittleEndian(seed[(SeedBytes + sizeof(uint))..], 0);
                var scratch = Block(working, ScratchBlock);
                VariableHash(MemoryMarshal.AsBytes(scratch), seed);
                Arrange(scratch, Block(lane, block));
            }

            Fill(lane, working, blocks, iterations);
            var last = Block(working, ScratchBlock);
            Restore(Block(lane, blocks - 1), last);
            VariableHash(tag, MemoryMarshal.AsBytes(last));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            if (iterations == 1)
            {
                // With one pass the first blocks are cheap functions of the password (B[0] is two BLAKE2b calls away):
                // left in reused memory they would let a reader of it test guesses without the memory-hard work. After
                // a second pass every block has been rewritten and costs most of a hash to reproduce.
                buffer.Words[..((blocks + WorkingBlocks) * Argon2Block.Words)].Clear();
            }

            memory.Return(buffer);
        }
    }

    /// <summary>True when <paramref name="password"/> hashes to the stored tag; compared in constant time.</summary>
    public bool Verify(Argon2idHashString stored, ReadOnlySpan<byte> password)
    {
        var computed = new byte[stored.Hash.Length];
        Hash(password, stored.Salt, stored.MemoryKiB, stored.Iterations, computed);
        return CryptographicOperations.FixedTimeEquals(computed, stored.Hash);
    }

    private void Fill(Span<ulong> lane, Span<ulong> working, int blocks, int iterations)
    {
        var segment = blocks / SyncPoints;
        var zero = Block(working, ZeroBlock);
        var input = Block(working, InputBlock);
        var addresses = Block(working, AddressBlock);
        var scratch = Block(working, ScratchBlock);
        zero.Clear();
        for (var pass = 0; pass < iterations; pass++)
        {
            for (var slice = 0; slice < SyncPoints; slice++)
            {
                // Argon2id: the first half of the first pass picks reference blocks independently of the password.
                var independent = pass == 0 && slice < SyncPoints / 2;
                var first = pass == 0 && slice == 0 ? 2 : 0;
                if (independent)
                {
                    // RFC 9106 section 3.4.1.1: Z = pass, lane (0), slice, blocks, passes, type, then a counter.
                    input.Clear();
                    input[_positions[0]] = (ulong)pass;
                    input[_positions[2]] = (ulong)slice;
                    input[_positions[3]] = (ulong)blocks;
                    input[_positions[4]] = (ulong)iterations;
                    input[_positions[5]] = Argon2idType;
                    if (first != 0)
                    {
                        NextAddresses(zero, input, addresses, scratch);
                    }
                }

                for (var index = first; index < segment; index++)
                {
                    var current = (slice * segment) + index;
                    var previous = current == 0 ? blocks - 1 : current - 1;
                    ulong random;
                    if (independent)
                    {
                        if (index % Argon2Block.Words == 0)
                        {
                            NextAddresses(zero, input, addresses, scratch);
                        }

                        random = addresses[_positions[index % Argon2Block.Words]];
                    }
                    else
                    {
                        random = lane[(previous * Argon2Block.Words) + _positions[0]];
                    }

                    var reference = ReferenceBlock(pass, slice, index, segment, blocks, (uint)random);
                    Compress(Block(lane, previous), Block(lane, reference), Block(lane, current), pass > 0, scratch);
                }
            }
        }
    }

    /// <summary>RFC 9106 section 3.4.1.2: maps J1 to a block of the reference area, biased towards recent blocks.</summary>
    private static int ReferenceBlock(int pass, int slice, int index, int segment, int blocks, uint random)
    {
        // Blocks finished so far that may be referenced (all but the one just before, which is "previous").
        long area = pass == 0
            ? (slice * segment) + index - 1
            : blocks - segment + index - 1;
        var square = ((ulong)random * random) >> 32;
        var relative = (ulong)area - 1 - (((ulong)area * square) >> 32);
        long start = pass == 0 || slice == SyncPoints - 1 ? 0 : (slice + 1) * segment;
        return (int)(((ulong)start + relative) % (ulong)blocks);
    }

    private void NextAddresses(Span<ulong> zero, Span<ulong> input, Span<ulong> addresses, Span<ulong> scratch)
    {
        input[_positions[6]]++;
        Compress(zero, input, addresses, xorInto: false, scratch);
        Compress(zero, addresses, addresses, xorInto: false, scratch);
    }

    private void Compress(ReadOnlySpan<ulong> prev, ReadOnlySpan<ulong> reference, Span<ulong> next, bool xorInto, Span<ulong> scratch)
    {
        switch (kernel)
        {
            case Argon2Kernel.Vector512:
                Vector512Compression.Compress(prev, reference, next, xorInto);
                break;
            case Argon2Kernel.Vector256:
                Vector256Compression.Compress(prev, reference, next, xorInto, scratch);
                break;
            default:
                PortableCompression.Compress(prev, reference, next, xorInto, scratch);
                break;
        }
    }

    /// <summary>Copies a block from Argon2's word order into the kernel's.</summary>
    private void Arrange(ReadOnlySpan<ulong> natural, Span<ulong> arranged)
    {
        for (var word = 0; word < Argon2Block.Words; word++)
        {
            arranged[_positions[word]] = natural[word];
        }
    }

    /// <summary>Copies a block from the kernel's word order back into Argon2's.</summary>
    private void Restore(ReadOnlySpan<ulong> arranged, Span<ulong> natural)
    {
        for (var word = 0; word < Argon2Block.Words; word++)
        {
            natural[word] = arranged[_positions[word]];
        }
    }

    private static Span<ulong> Block(Span<ulong> words, int block) => words.Slice(block * Argon2Block.Words, Argon2Block.Words);

    /// <summary>H0: BLAKE2b-512 of the parameters, password and salt, each length-prefixed (RFC 9106 section 3.2).</summary>
    private static void Seed(Span<byte> seed, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int iterations, int tagBytes)
    {
        using var blake2b = new IncrementalBLAKE2b(SeedBytes);
        Append(blake2b, 1); // lanes
        Append(blake2b, tagBytes);
        Append(blake2b, memoryKiB);
        Append(blake2b, iterations);
        Append(blake2b, Argon2idHashString.Version);
        Append(blake2b, Argon2idType);
        Append(blake2b, password.Length);
        blake2b.Update(password);
        Append(blake2b, salt.Length);
        blake2b.Update(salt);
        Append(blake2b, 0); // no secret
        Append(blake2b, 0); // no associated data
        blake2b.Finalize(seed);
    }

    private static void Append(IncrementalBLAKE2b blake2b, int value)
    {
        Span<byte> number = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32LittleEndian(number, (uint)value);
        blake2b.Update(number);
    }

    /// <summary>H' (RFC 9106 section 3.3): BLAKE2b stretched to any length by chaining 64-byte hashes, 32 bytes of each kept.</summary>
    private static void VariableHash(Span<byte> output, ReadOnlySpan<byte> input)
    {
        const int Half = SeedBytes / 2;
        // Inputs are H0 with two counters or one block: a few hundred bytes to 1 KiB.
        Span<byte> prefixed = stackalloc byte[sizeof(uint) + input.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(prefixed, (uint)output.Length);
        input.CopyTo(prefixed[sizeof(uint)..]);
        if (output.Length <= SeedBytes)
        {
            BLAKE2b.ComputeHash(output, prefixed);
            CryptographicOperations.ZeroMemory(prefixed);
            return;
        }

        Span<byte> chain = stackalloc byte[2 * SeedBytes];
        var current = chain[..SeedBytes];
        var following = chain[SeedBytes..];
        BLAKE2b.ComputeHash(current, prefixed);
        var whole = ((output.Length + Half - 1) / Half) - 2;
        current[..Half].CopyTo(output);
        for (var step = 1; step < whole; step++)
        {
            BLAKE2b.ComputeHash(following, current);
            following[..Half].CopyTo(output[(step * Half)..]);
            var swap = current;
            current = following;
            following = swap;
        }

        BLAKE2b.ComputeHash(output[(whole * Half)..], current);
        CryptographicOperations.ZeroMemory(prefixed);
        CryptographicOperations.ZeroMemory(chain);
    }
}
