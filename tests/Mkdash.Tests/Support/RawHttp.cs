using System.Net.Sockets;
using System.Text;

namespace Mkdash.Tests.Support;

/// <summary>Sends a request exactly as written (no client normalising the path or the headers) and reads the status.</summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string Headers, string Body);

    /// <param name="stopAfter">For an answer that does not end (an event stream): how long to read it.</param>
    public static async Task<Answer> SendAsync(
        Uri server,
        string requestHead,
        byte[]? body = null,
        TimeSpan? stopAfter = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var head = requestHead.Replace("\n", "\r\n", StringComparison.Ordinal).TrimEnd() + "\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }

        using var read = new MemoryStream();
        using var timeout = new CancellationTokenSource(stopAfter ?? TimeSpan.FromSeconds(15));
        try
        {
            await stream.CopyToAsync(read, timeout.Token);
        }
        catch (IOException)
        {
            // The server may reset a connection it refused; what it sent before still counts.
        }
        catch (OperationCanceledException) when (stopAfter is not null)
        {
            // Read for as long as asked.
        }

        var text = Encoding.UTF8.GetString(read.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = split < 0 ? text : text[..split];
        var status = headers.Length >= 12 && int.TryParse(headers.AsSpan(9, 3), out var code) ? code : 0;
        return new Answer(status, headers, split < 0 ? "" : text[(split + 4)..]);
    }
}
