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

    /// <summary>
    /// A pinned array (the pinned object heap never moves it) viewed from a 2 MiB boundary, so that on Linux the kernel
    /// may back it with transparent huge pages: Argon2 reads blocks at random across the whole buffer, and with 4 KiB
    /// pages nearly every block read missed the TLB.
    /// </summary>
    internal sealed class Buffer
    {
        private const int HugePageBytes = 2 * 1024 * 1024;
        private const int AdviseHugePages = 14; // MADV_HUGEPAGE

        private readonly ulong[] _array;
        private readonly int _offset;

        public Buffer(int words)
        {
            var bytes = (long)words * sizeof(ulong);
            // Huge pages only pay when the buffer spans several; smaller ones are just cache-line aligned.
            var alignment = bytes >= HugePageBytes ? HugePageBytes : AlignmentBytes;
            _array = GC.AllocateUninitializedArray<ulong>(words + (alignment / sizeof(ulong)), pinned: true);
            var address = Marshal.UnsafeAddrOfPinnedArrayElement(_array, 0);
            var padding = (alignment - (address % alignment)) % alignment;
            _offset = (int)(padding / sizeof(ulong));
            Length = words;
            if (alignment == HugePageBytes && OperatingSystem.IsLinux())
            {
                TryAdviseHugePages(address + padding, (nuint)(bytes / HugePageBytes * HugePageBytes));
            }
        }

        public int Length { get; }

        public Span<ulong> Words => _array.AsSpan(_offset, Length);

        /// <summary>Best effort: without transparent huge pages (or off Linux) the buffer simply keeps 4 KiB pages.</summary>
        private static void TryAdviseHugePages(nint start, nuint length)
        {
            try
            {
                _ = Advise(start, length, AdviseHugePages);
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
            }
        }

        [DllImport("libc", EntryPoint = "madvise")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        private static extern int Advise(nint start, nuint length, int advice);
    }
}
