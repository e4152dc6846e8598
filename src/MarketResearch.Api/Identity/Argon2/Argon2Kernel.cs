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
