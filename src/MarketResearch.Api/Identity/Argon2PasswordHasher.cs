using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Geralt;
using MarketResearch.Domain.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketResearch.Api.Identity;

/// <summary>
/// Argon2id password hashes (libsodium) in the PHC string format, <c>$argon2id$v=19$m=…,t=…,p=1$salt$hash</c>: each hash
/// names its algorithm, version and cost, so a change of cost or algorithm is recognised per hash. Hashes written by
/// Identity's PBKDF2 hasher still verify and are replaced at the next successful sign-in (SuccessRehashNeeded).
/// </summary>
internal sealed class Argon2PasswordHasher(IOptions<PasswordHashingOptions> options) : IPasswordHasher<ResearchUser>
{
    public const string Prefix = "$argon2id$";
    private const int BytesPerKiB = 1024;

    // Only verifies: Identity's own format carries its PRF and iteration count in each hash.
    private readonly PasswordHasher<ResearchUser> _pbkdf2 = new();

    public string HashPassword(ResearchUser user, string password)
    {
        var cost = options.Value;
        Span<char> hash = stackalloc char[Argon2id.HashSize];
        using (var bytes = new Utf8Password(password))
        {
            Argon2id.ComputeHash(hash, bytes.Span, cost.Iterations, cost.MemoryKiB * BytesPerKiB);
        }

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

            using var bytes = new Utf8Password(providedPassword);
            if (!Argon2id.VerifyHash(hashedPassword, bytes.Span))
            {
                return PasswordVerificationResult.Failed;
            }

            var cost = options.Value;
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
