using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace MarketResearch.Api.Identity.Argon2;

/// <summary>
/// Block memory kept from one hash to the next. libsodium maps and unmaps each hash's memory, and the kernel's page faults,
/// zeroing and unmapping were about a fifth of a hash's CPU (docs/security.md); reused memory is already mapped and warm.
/// At most <see cref="Retained"/> buffers are kept (one per hashing thread); a hash beyond them gets its own, dropped after.
/// </summary>
internal sealed class Argon2Memory(int retained)
{
    /// <summary>Cache-line alignment of the first block, so a 64-byte load never straddles two lines.</summary>
    private const int AlignmentBytes = 64;

    private readonly ConcurrentBag<Buffer> _free = [];

    public int Retained { get; } = retained;

    /// <summary>A buffer of at least <paramref name="words"/> words; its contents are the previous hash's, not zeros.</summary>
    public Buffer Rent(int words)
    {
        if (_free.TryTake(out var buffer) && buffer.Length >= words)
        {
            return buffer;
        }

        return new Buffer(words);
    }

    public void Return(Buffer buffer)
    {
        if (_free.Count < Retained)
        {
            _free.Add(buffer);
        }
    }

    /// <summary>A pinned array (the pinned object heap never moves it) viewed from its first 64-byte-aligned word.</summary>
    internal sealed class Buffer
    {
        private readonly ulong[] _array;
        private readonly int _offset;

        public Buffer(int words)
        {
            const int Spare = AlignmentBytes / sizeof(ulong);
            _array = GC.AllocateUninitializedArray<ulong>(words + Spare, pinned: true);
            var address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0);
            _offset = (int)((AlignmentBytes - (address % AlignmentBytes)) % AlignmentBytes) / sizeof(ulong);
            Length = words;
        }

        public int Length { get; }

        public Span<ulong> Words => _array.AsSpan(_offset, Length);
    }
}
