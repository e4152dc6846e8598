using System.Runtime.Intrinsics.X86;

namespace MarketResearch.Api.Identity.Argon2;

/// <summary>Which code runs Argon2's compression function G; the fastest the CPU supports unless a test picks one.</summary>
internal enum Argon2Kernel
{
    /// <summary>Plain 64-bit arithmetic: any CPU.</summary>
    Portable,

    /// <summary>Four words per register (AVX2).</summary>
    Vector256,

    /// <summary>Eight words per register, two rows or columns at a time (AVX-512F).</summary>
    Vector512,
}

internal static class Argon2Kernels
{
    /// <summary>
    /// The kernel the API hashes with, or null to leave hashing to libsodium: only AVX-512's was measured cheaper than
    /// libsodium (BENCHMARKS.md, session 8); the AVX2 kernel costs more CPU than libsodium's AVX-512 code here, and no
    /// machine without AVX-512 was at hand to compare it with libsodium's AVX2 code.
    /// </summary>
    public static Argon2Kernel? Preferred => Avx512F.IsSupported ? Argon2Kernel.Vector512 : null;

    public static Argon2Kernel Fastest =>
        Avx512F.IsSupported ? Argon2Kernel.Vector512
        : Avx2.IsSupported ? Argon2Kernel.Vector256
        : Argon2Kernel.Portable;

    public static bool IsSupported(Argon2Kernel kernel) => kernel switch
    {
        Argon2Kernel.Vector512 => Avx512F.IsSupported,
        Argon2Kernel.Vector256 => Avx2.IsSupported,
        _ => true,
    };
}
