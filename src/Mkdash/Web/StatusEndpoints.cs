using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Mkdash.Snapshots;

namespace Mkdash.Web;

/// <summary>/api/status (the whole snapshot) and /api/events (the same, pushed when it changes).</summary>
internal static class StatusEndpoints
{
    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", async (string? root, SnapshotBuilder builder, HttpContext context) =>
        {
            try
            {
                var snapshot = await builder.BuildAsync(root, context.RequestAborted);
                return Results.Json(snapshot, DashboardJsonContext.Default.StatusSnapshot);
            }
            catch (TimeoutException timeout)
            {
                return Results.Json(
                    new JsonError(timeout.Message), DashboardJsonContext.Default.JsonError, statusCode: 503);
            }
        });

        app.MapGet("/api/events", StreamAsync);
        return app;
    }

    private static async Task StreamAsync(
        string? root,
        SnapshotHub hub,
        StreamSlots slots,
        HttpContext context,
        IHostApplicationLifetime lifetime)
    {
        if (!slots.TryTake())
        {
            // The page falls back to polling /api/status, so a full server still shows data.
            context.Response.Headers.RetryAfter = "30";
            await JsonErrors.WriteAsync(
                context,
                StatusCodes.Status503ServiceUnavailable,
                $"{slots.Max} live streams are open, the most this dashboard serves (--max-streams)");
            return;
        }

        try
        {
            await ServeStreamAsync(root, hub, context, lifetime);
        }
        finally
        {
            slots.Release();
        }
    }

    private static async Task ServeStreamAsync(
        string? root,
        SnapshotHub hub,
        HttpContext context,
        IHostApplicationLifetime lifetime)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        // Streams end when the viewer leaves or the server stops: an open tab must not hold up Ctrl+C.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ended.Token;
        var feed = hub.Feed(root);
        feed.Join();
        try
        {
            // Tells a reconnecting browser to come back soon after a restart or a dropped tunnel.
            await WriteAsync(context, "retry: 2000\n\n", cancellationToken);
            var have = 0L;
            while (!cancellationToken.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                quiet.CancelAfter(KeepAliveEvery);
                try
                {
                    var snapshot = await feed.NextAsync(have, quiet.Token);
                    have = snapshot.Version;
                    await WriteSnapshotAsync(context, snapshot, cancellationToken);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Nothing changed for a while: a comment keeps SSH tunnels and proxies from closing the stream.
                    await WriteAsync(context, ": keep-alive\n\n", cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The viewer went away or the server is stopping: a normal end of a stream.
        }
        finally
        {
            feed.Leave();
        }
    }

    /// <summary>The snapshot's JSON bytes go out as they are, shared by every viewer: no copy per viewer.</summary>
    private static async Task WriteSnapshotAsync(
        HttpContext context,
        PublishedSnapshot snapshot,
        CancellationToken cancellationToken)
    {
        var output = context.Response.BodyWriter;
        output.Write(Encoding.UTF8.GetBytes($"id: {snapshot.Version}\nevent: snapshot\ndata: "));
        output.Write(snapshot.Utf8Json);
        output.Write("\n\n"u8);
        await output.FlushAsync(cancellationToken);
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
