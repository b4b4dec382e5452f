using System.Net.Sockets;
using System.Text;

namespace Mkdash.Tests.Support;

/// <summary>
/// Sends a request exactly as written (no client normalising the path or the headers) and reads the answer.
/// </summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string Headers, string Body);

    /// <param name="stopAfter">For an answer that does not end (an event stream): how long to read it.</param>
    /// <param name="stopAt">Stop reading as soon as this text has come.</param>
    public static async Task<Answer> SendAsync(
        Uri server,
        string requestHead,
        byte[]? body = null,
        TimeSpan? stopAfter = null,
        string? stopAt = null)
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
            var chunk = new byte[64 * 1024];
            int n;
            while ((n = await stream.ReadAsync(chunk, timeout.Token)) > 0)
            {
                read.Write(chunk, 0, n);
                if (stopAt is not null && Encoding.UTF8.GetString(read.GetBuffer(), 0, (int)read.Length).Contains(stopAt))
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
            // The server may reset a connection it refused; what it sent before still counts.
        }
        catch (OperationCanceledException) when (stopAfter is not null)
        {
            // Read for as long as asked.
        }

        var raw = read.ToArray();
        var split = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        var headers = Encoding.Latin1.GetString(raw, 0, split < 0 ? raw.Length : split);
        var status = headers.Length >= 12 && int.TryParse(headers.AsSpan(9, 3), out var code) ? code : 0;
        var content = split < 0 ? [] : raw[(split + 4)..];
        var chunked = headers.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase);
        return new Answer(status, headers, Encoding.UTF8.GetString(chunked ? Unchunk(content) : content));
    }

    /// <summary>A chunked body without its chunk sizes; what was cut off by a stopped read is kept as far as it came.</summary>
    private static byte[] Unchunk(byte[] content)
    {
        using var result = new MemoryStream();
        var at = 0;
        while (at < content.Length)
        {
            var end = content.AsSpan(at).IndexOf("\r\n"u8);
            if (end < 0 || !int.TryParse(
                Encoding.ASCII.GetString(content, at, end), System.Globalization.NumberStyles.HexNumber, null, out var size)
                || size == 0)
            {
                break;
            }

            var start = at + end + 2;
            var length = Math.Min(size, content.Length - start);
            result.Write(content, start, length);
            at = start + size + 2;
        }

        return result.ToArray();
    }
}
