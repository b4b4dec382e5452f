using Microsoft.Extensions.Primitives;
using Mkdash.Web;

namespace Mkdash.Security;

/// <summary>
/// Asks API clients for the access token: once in <c>?token=</c> (then kept in an HttpOnly,
/// SameSite=Strict cookie), or as <c>Authorization: Bearer</c>. The page's own files carry no data
/// and are served to anyone, so a browser without the token gets a page that says what is missing.
/// </summary>
internal sealed partial class AccessTokenMiddleware(
    RequestDelegate next,
    AccessToken token,
    ILogger<AccessTokenMiddleware> logger)
{
    private const string QueryKey = "token";

    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(7);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!token.Required)
        {
            await next(context);
            return;
        }

        var cookieName = AccessToken.CookieName(context.Connection.LocalPort);
        if (context.Request.Query.TryGetValue(QueryKey, out var given))
        {
            await AcceptFromQueryAsync(context, given, cookieName);
            return;
        }

        if (token.Matches(context.Request.Cookies[cookieName]) || token.Matches(Bearer(context))
            || !IsApi(context.Request.Path))
        {
            await next(context);
            return;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        await JsonErrors.WriteAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "this dashboard asks for its access token: open the URL mkdash printed at start (it ends in ?token=...), "
            + "or send Authorization: Bearer <token>");
    }

    private async Task AcceptFromQueryAsync(HttpContext context, StringValues given, string cookieName)
    {
        if (given.Count != 1 || !token.Matches(given[0]))
        {
            LogWrongToken(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            await JsonErrors.WriteAsync(
                context,
                StatusCodes.Status401Unauthorized,
                "the access token in the URL is not this dashboard's: open the URL mkdash printed at start");
            return;
        }

        context.Response.Cookies.Append(cookieName, given[0]!, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = CookieLifetime,
            IsEssential = true,
        });

        // The page drops the token from its address, so it stays out of history, bookmarks and screenshots.
        if (HttpMethods.IsGet(context.Request.Method) && !IsApi(context.Request.Path))
        {
            var rest = context.Request.Query.Where(pair => pair.Key != QueryKey);
            context.Response.Redirect(context.Request.PathBase + context.Request.Path + QueryString.Create(rest));
            return;
        }

        await next(context);
    }

    private static string? Bearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A wrong access token came from {Client}")]
    private static partial void LogWrongToken(ILogger logger, string client);
}
