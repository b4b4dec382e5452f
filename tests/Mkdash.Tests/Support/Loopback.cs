using System.Net;
using System.Net.Sockets;

namespace Mkdash.Tests.Support;

/// <summary>
/// HTTP clients that connect from a chosen loopback address (127.0.0.2, 127.0.0.3, ...): on Linux the whole
/// of 127.0.0.0/8 is this machine, so one test can be several clients.
/// </summary>
internal static class Loopback
{
    public static HttpClient ClientFrom(
        string sourceAddress,
        string baseUrl,
        bool allowRedirects = true,
        TimeSpan? timeout = null)
    {
        var source = IPAddress.Parse(sourceAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = allowRedirects,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    /// <summary>A plain client without cookies or redirects, so a test sees exactly what the server answered.</summary>
    public static HttpClient Client(string baseUrl) => ClientFrom("127.0.0.1", baseUrl, allowRedirects: false);
}
