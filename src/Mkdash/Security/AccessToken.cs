using System.Security.Cryptography;
using System.Text;
using Mkdash.Cli;

namespace Mkdash.Security;

/// <summary>
/// The secret an API client must show when the dashboard can be reached from other machines
/// (or when the user gave one): required unless the server listens on loopback only or runs with --no-auth.
/// </summary>
internal sealed class AccessToken
{
    private readonly byte[] expected;

    private AccessToken(string? value)
    {
        Value = value;
        expected = value is null ? [] : Encoding.UTF8.GetBytes(value);
    }

    /// <summary>The token, or null when none is asked.</summary>
    public string? Value { get; }

    public bool Required => Value is not null;

    public static AccessToken For(DashboardOptions options)
    {
        if (options.NoAuth)
        {
            return new AccessToken(null);
        }

        if (options.Token is not null)
        {
            return new AccessToken(options.Token);
        }

        return Binding.IsLoopback(options.Host) ? new AccessToken(null) : new AccessToken(Generate());
    }

    /// <summary>Compares in constant time, so the answer's timing says nothing about how much was right.</summary>
    public bool Matches(string? candidate)
    {
        if (Value is null || string.IsNullOrEmpty(candidate) || candidate.Length > 1024)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), expected);
    }

    /// <summary>The cookie that keeps the token after ?token=; named per port, as cookies ignore ports.</summary>
    public static string CookieName(int port) => $"mkdash_token_{port}";

    private static string Generate()
    {
        // 192 random bits, URL-safe so it can travel in ?token= unescaped.
        return Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
    }
}
