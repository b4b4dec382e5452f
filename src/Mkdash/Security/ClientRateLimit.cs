using System.Globalization;
using System.Net;
using Mkdash.Web;

namespace Mkdash.Security;

/// <summary>
/// A token bucket per client address: a runaway script gets 429 answers instead of the box's CPU.
/// Viewers behind one SSH tunnel share 127.0.0.1, so the default leaves room for many of them.
/// </summary>
internal static class ClientRateLimit
{
    public static IApplicationBuilder UseClientRateLimit(this IApplicationBuilder app, int perSecond, TimeProvider time)
    {
        if (perSecond <= 0)
        {
            return app;
        }

        var buckets = new TokenBuckets(perSecond, perSecond * 2, time);
        var refusal = "too many requests from this address: at most "
            + perSecond.ToString(CultureInfo.InvariantCulture) + " a second (--rate-limit)";
        return app.Use(async (context, next) =>
        {
            if (buckets.TryTake(ClientOf(context)))
            {
                await next(context);
                return;
            }

            context.Response.Headers.RetryAfter = "1";
            await JsonErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, refusal);
        });
    }

    private static IPAddress ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
