using System.Net;

namespace Mkdash.Security;

/// <summary>Where the server listens, and whether that is this machine only.</summary>
internal static class Binding
{
    public const string Localhost = "localhost";

    /// <summary>True for localhost, 127.0.0.0/8 and ::1: nobody off this machine can connect.</summary>
    public static bool IsLoopback(string host)
    {
        var name = host.Trim('[', ']');
        return name.Equals(Localhost, StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>
    /// The URLs Kestrel binds. "localhost" is both 127.0.0.1 and ::1, so an SSH tunnel to localhost
    /// works whichever one the client's resolver picks; a free port (0) can only be asked of one address.
    /// </summary>
    public static string[] Urls(string host, int port)
    {
        if (host.Equals(Localhost, StringComparison.OrdinalIgnoreCase))
        {
            return port == 0 ? [Url("127.0.0.1", 0)] : [Url("127.0.0.1", port), Url("::1", port)];
        }

        return [Url(host, port)];
    }

    public static string Url(string host, int port)
    {
        var name = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return $"http://{name}:{port}";
    }
}
