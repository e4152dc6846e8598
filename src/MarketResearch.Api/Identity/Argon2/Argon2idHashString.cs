using System.Globalization;

namespace MarketResearch.Api.Identity.Argon2;

/// <summary>
/// The PHC string of a one-lane Argon2id v1.3 hash, <c>$argon2id$v=19$m=…,t=…,p=1$salt$hash</c>, exactly as libsodium
/// writes it. Only the canonical form is accepted: anything else (other versions, lanes, spacing, padding or leading
/// zeros) is left to libsodium, so it succeeds or fails exactly as it did before the managed verifier.
/// </summary>
internal readonly record struct Argon2idHashString(int MemoryKiB, int Iterations, byte[] Salt, byte[] Hash)
{
    public const int Version = 0x13;
    private const string Prefix = "$argon2id$v=19$m=";
    private const int Fields = 6;

    /// <summary>libsodium's floor for a stored salt (ARGON2_MIN_SALT_LENGTH).</summary>
    private const int MinSaltBytes = 8;

    /// <summary>libsodium's floor for a stored hash (crypto_pwhash_BYTES_MIN).</summary>
    private const int MinHashBytes = 16;

    /// <summary>Longest salt or hash read here; libsodium writes 16 and 32 bytes.</summary>
    private const int MaxFieldBytes = 1024;

    public static bool TryParse(string text, out Argon2idHashString parsed)
    {
        parsed = default;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text.Split('$');
        if (parts.Length != Fields)
        {
            return false;
        }

        var cost = parts[3].Split(',');
        if (cost.Length != 3 || !TryReadNumber(cost[0], "m=", out var memory) || !TryReadNumber(cost[1], "t=", out var iterations)
            || cost[2] != "p=1" || !TryDecode(parts[4], out var salt) || !TryDecode(parts[5], out var hash)
            || salt.Length < MinSaltBytes || hash.Length < MinHashBytes || memory < ManagedArgon2id.MinMemoryKiB || iterations < 1)
        {
            return false;
        }

        parsed = new Argon2idHashString(memory, iterations, salt, hash);
        // Round trip: what does not re-encode to the same text is not the canonical form this class writes.
        return parsed.ToString() == text;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"$argon2id$v=19$m={MemoryKiB},t={Iterations},p=1${Encode(Salt)}${Encode(Hash)}");

    private static bool TryReadNumber(string field, string name, out int value)
    {
        value = 0;
        return field.StartsWith(name, StringComparison.Ordinal)
            && int.TryParse(field.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        const int Quantum = 4;
        bytes = [];
        if (text.Length == 0 || text.Length % Quantum == 1 || text.Length > MaxFieldBytes * 2)
        {
            return false;
        }

        var padded = text.PadRight(text.Length + ((Quantum - (text.Length % Quantum)) % Quantum), '=');
        Span<byte> buffer = stackalloc byte[padded.Length / Quantum * 3];
        if (!Convert.TryFromBase64String(padded, buffer, out var written) || written > MaxFieldBytes)
        {
            return false;
        }

        bytes = buffer[..written].ToArray();
        return true;
    }
}
