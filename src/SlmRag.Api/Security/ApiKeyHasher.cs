using System.Security.Cryptography;
using System.Text;

namespace SlmRag.Api.Security;

/// <summary>Makes and hashes API keys: 32 random bytes, and the SHA-256 (hex) that configuration stores.</summary>
public static class ApiKeyHasher
{
    public const string Prefix = "slm_";

    public static string NewKey() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
