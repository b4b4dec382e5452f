using System.Reflection;
using Microsoft.AspNetCore.StaticFiles;

namespace Mkdash.Web;

/// <summary>
/// Serves the page's files from resources embedded in the binary, so one copied file is the whole app.
/// </summary>
internal static class PageEndpoints
{
    private const string Prefix = "wwwroot/";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static IEndpointRouteBuilder MapPage(this IEndpointRouteBuilder app)
    {
        var assembly = typeof(PageEndpoints).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);

        app.MapGet("/", (HttpContext context) => Serve(context, assembly, names, "index.html"));
        app.MapGet("/{**path}", (string path, HttpContext context) => Serve(context, assembly, names, path));
        return app;
    }

    private static IResult Serve(HttpContext context, Assembly assembly, HashSet<string> names, string path)
    {
        var name = Prefix + path;
        if (!names.Contains(name))
        {
            return Results.Json(
                new JsonError($"no such page file: {path}"), DashboardJsonContext.Default.JsonError, statusCode: 404);
        }

        if (!ContentTypes.TryGetContentType(path, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        // The files change only with the binary: cache per version, revalidate after.
        context.Response.Headers.CacheControl = "no-cache";
        var tag = $"\"{AppInfo.Version}-{name.GetHashCode(StringComparison.Ordinal):x}\"";
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue(tag);
        return Results.Stream(assembly.GetManifestResourceStream(name)!, contentType, entityTag: etag);
    }
}
