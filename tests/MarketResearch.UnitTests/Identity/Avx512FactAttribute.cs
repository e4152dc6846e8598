using System.Runtime.Intrinsics.X86;

namespace MarketResearch.UnitTests.Identity;

/// <summary>A test of what the API does on CPUs with AVX-512 (our machines); reported as skipped on others.</summary>
public sealed class Avx512FactAttribute : FactAttribute
{
    public Avx512FactAttribute()
    {
        if (!Avx512F.IsSupported)
        {
            Skip = "this CPU has no AVX-512: the API hashes with libsodium here and the Vector512 kernel cannot run.";
        }
    }
}
