namespace MarketResearch.Api.Identity.Argon2;

/// <summary>Argon2's unit of memory: 1 KiB, 128 little-endian 64-bit words.</summary>
internal static class Argon2Block
{
    public const int Bytes = 1024;
    public const int Words = Bytes / sizeof(ulong);
}
