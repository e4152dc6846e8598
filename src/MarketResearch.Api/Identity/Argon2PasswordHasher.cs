using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Geralt;
using MarketResearch.Api.Identity.Argon2;
using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>
/// Argon2id password hashes (libsodium) in the PHC string format, <c>$argon2id$v=19$m=…,t=…,p=1$salt$hash</c>: each hash
/// names its algorithm, version and cost, so a change of cost or algorithm is recognised per hash. Hashes written by
/// Identity's PBKDF2 hasher still verify and are replaced at the next successful sign-in (SuccessRehashNeeded).
/// One-lane hashes are computed by <see cref="ManagedArgon2id"/> (same algorithm, same strings, memory reused between
/// hashes) on CPUs with AVX-512, unless <see cref="PasswordHashingOptions.UseManagedArgon2id"/> is off; everything else
/// by libsodium.
/// </summary>
internal sealed class Argon2PasswordHasher : IPasswordHasher<ResearchUser>
{
    public const string Prefix = "$argon2id$";
    private const int BytesPerKiB = 1024;

    /// <summary>libsodium's salt and hash lengths (crypto_pwhash_SALTBYTES, crypto_pwhash_STRBYTES' hash part).</summary>
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly IOptions<PasswordHashingOptions> _options;

    // Only verifies: Identity's own format carries its PRF and iteration count in each hash.
    private readonly PasswordHasher<ResearchUser> _pbkdf2 = new();

    private readonly ManagedArgon2id? _managed;

    public Argon2PasswordHasher(IOptions<PasswordHashingOptions> options)
        : this(options, Argon2Kernels.Preferred)
    {
    }

    /// <summary>Tests pick the kernel; null leaves every hash to libsodium.</summary>
    internal Argon2PasswordHasher(IOptions<PasswordHashingOptions> options, Argon2Kernel? kernel)
    {
        _options = options;
        // The managed code reads and writes blocks as little-endian words, as Argon2 defines them.
        _managed = options.Value.UseManagedArgon2id && BitConverter.IsLittleEndian && kernel is { } chosen
            ? new ManagedArgon2id(new Argon2Memory(options.Value.HashingThreads), chosen)
            : null;
    }

    public string HashPassword(ResearchUser user, string password)
    {
        var cost = _options.Value;
        using var bytes = new Utf8Password(password);
        if (_managed is { } managed && cost.MemoryKiB <= cost.ManagedMaxMemoryKiB)
        {
            var salt = RandomNumberGenerator.GetBytes(SaltBytes);
            var tag = new byte[HashBytes];
            managed.Hash(bytes.Span, salt, cost.MemoryKiB, cost.Iterations, tag);
            return new Argon2idHashString(cost.MemoryKiB, cost.Iterations, salt, tag).ToString();
        }

        Span<char> hash = stackalloc char[Argon2id.HashSize];
        Argon2id.ComputeHash(hash, bytes.Span, cost.Iterations, cost.MemoryKiB * BytesPerKiB);
        return new string(hash.TrimEnd('\0'));
    }

    public PasswordVerificationResult VerifyHashedPassword(ResearchUser user, string hashedPassword, string providedPassword)
    {
        if (string.IsNullOrEmpty(hashedPassword))
        {
            return PasswordVerificationResult.Failed;
        }

        try
        {
            if (!hashedPassword.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return _pbkdf2.VerifyHashedPassword(user, hashedPassword, providedPassword) == PasswordVerificationResult.Failed
                    ? PasswordVerificationResult.Failed
                    : PasswordVerificationResult.SuccessRehashNeeded;
            }

            var cost = _options.Value;
            using var bytes = new Utf8Password(providedPassword);
            var verified = _managed is { } managed && Argon2idHashString.TryParse(hashedPassword, out var stored) && stored.MemoryKiB <= cost.ManagedMaxMemoryKiB
                ? managed.Verify(stored, bytes.Span)
                : Argon2id.VerifyHash(hashedPassword, bytes.Span);
            if (!verified)
            {
                return PasswordVerificationResult.Failed;
            }

            return Argon2id.NeedsRehash(hashedPassword, cost.Iterations, cost.MemoryKiB * BytesPerKiB)
                ? PasswordVerificationResult.SuccessRehashNeeded
                : PasswordVerificationResult.Success;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            // A damaged hash never matches; it must not turn a sign-in into a 500.
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>The password's UTF-8 bytes in a pooled buffer that is wiped when disposed.</summary>
    private readonly struct Utf8Password : IDisposable
    {
        private readonly byte[] _buffer;
        private readonly int _length;

        public Utf8Password(string password)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(password.Length));
            _length = Encoding.UTF8.GetBytes(password, _buffer);
        }

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

        public void Dispose()
        {
            CryptographicOperations.ZeroMemory(_buffer);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
