using System.Threading.Channels;

namespace Mkdash.Tests.Support;

/// <summary>
/// Reads server-sent events from a streaming response in the background, so a test can wait for
/// the next one with a timeout, or prove that none came, without breaking the stream.
/// </summary>
internal sealed class EventStreamReader : IDisposable
{
    private readonly StreamReader reader;
    private readonly Channel<Dictionary<string, string>> events = Channel.CreateUnbounded<Dictionary<string, string>>();
    private readonly CancellationTokenSource stop = new();

    public EventStreamReader(Stream stream)
    {
        reader = new StreamReader(stream);
        _ = Task.Run(PumpAsync);
    }

    /// <summary>The next event's fields (id, event, data); a TimeoutException after <paramref name="timeout"/>.</summary>
    public async Task<Dictionary<string, string>> NextAsync(TimeSpan timeout)
    {
        // Waiting to read takes nothing: an event that comes after a timeout is kept for the next call.
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (events.Reader.TryRead(out var next))
            {
                return next;
            }

            try
            {
                if (!await events.Reader.WaitToReadAsync(deadline.Token))
                {
                    throw new EndOfStreamException("the event stream ended");
                }
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"no event within {timeout.TotalSeconds} s");
            }
        }
    }

    private async Task PumpAsync()
    {
        var fields = new Dictionary<string, string>();
        try
        {
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                if (line.Length == 0 && fields.ContainsKey("data"))
                {
                    await events.Writer.WriteAsync(fields);
                    fields = [];
                }
                else if (line.Length > 0 && !line.StartsWith(':'))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    fields[line[..colon]] = line[(colon + 1)..].TrimStart();
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The test is over or the server went away.
        }

        events.Writer.TryComplete();
    }

    public void Dispose()
    {
        stop.Cancel();
        reader.Dispose();
        stop.Dispose();
    }
}
