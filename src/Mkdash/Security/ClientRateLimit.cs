using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Mkdash.Web;

namespace Mkdash.Security;

/// <summary>
/// A token bucket per client address: a runaway script gets 429 answers instead of the box's CPU.
/// Viewers behind one SSH tunnel share 127.0.0.1, so the default leaves room for many of them.
/// </summary>
internal static class ClientRateLimit
{
    public static IServiceCollection AddClientRateLimit(this IServiceCollection services, int perSecond)
    {
        if (perSecond <= 0)
        {
            return services;
        }

        return services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, IPAddress>(context =>
                RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perSecond * 2,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
            limits.OnRejected = async (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await JsonErrors.WriteAsync(
                    rejected.HttpContext,
                    StatusCodes.Status429TooManyRequests,
                    "too many requests from this address: at most "
                    + perSecond.ToString(CultureInfo.InvariantCulture) + " a second (--rate-limit)");
            };
        });
    }

    public static IApplicationBuilder UseClientRateLimit(this IApplicationBuilder app, int perSecond)
    {
        return perSecond <= 0 ? app : app.UseRateLimiter();
    }

    private static IPAddress ClientOf(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}
