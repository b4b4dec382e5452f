using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Mkdash.Snapshots;

namespace Mkdash.Web;

/// <summary>/api/status (the whole snapshot) and /api/events (the same, pushed when it changes).</summary>
internal static class StatusEndpoints
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan KeepAliveEvery = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/status", async (string? root, SnapshotBuilder builder, HttpContext context) =>
        {
            var snapshot = await builder.BuildAsync(root, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(snapshot, JsonDefaults.Options);
        });

        app.MapGet("/api/events", StreamAsync);
        return app;
    }

    private static async Task StreamAsync(
        string? root,
        SnapshotBuilder builder,
        HttpContext context,
        TimeProvider time,
        IHostApplicationLifetime lifetime)
    {
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        // Streams end when the viewer leaves or the server stops: an open tab must not hold up Ctrl+C.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ended.Token;
        string? lastSent = null;
        var lastWrite = time.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var snapshot = await builder.BuildAsync(root, cancellationToken);

                // The generation time alone is no change worth sending.
                var comparable = JsonSerializer.Serialize(snapshot with { GeneratedMs = 0 }, JsonDefaults.Options);
                if (comparable != lastSent)
                {
                    lastSent = comparable;
                    var json = JsonSerializer.Serialize(snapshot, JsonDefaults.Options);
                    await WriteAsync(context, $"event: snapshot\ndata: {json}\n\n", cancellationToken);
                    lastWrite = time.GetUtcNow();
                }
                else if (time.GetUtcNow() - lastWrite >= KeepAliveEvery)
                {
                    // A comment line keeps SSH tunnels and proxies from closing a quiet stream.
                    await WriteAsync(context, ": keep-alive\n\n", cancellationToken);
                    lastWrite = time.GetUtcNow();
                }

                await Task.Delay(CheckEvery, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The viewer went away: a normal end of a stream.
        }
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
