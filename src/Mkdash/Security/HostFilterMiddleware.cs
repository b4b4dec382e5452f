using System.Net;
using Mkdash.Cli;
using Mkdash.Web;

namespace Mkdash.Security;

/// <summary>
/// Answers only requests addressed to a name this dashboard goes by. A web page elsewhere that re-points
/// its own domain at 127.0.0.1 (DNS rebinding) still sends its own name as Host, and is refused here.
/// </summary>
internal sealed partial class HostFilterMiddleware
{
    private readonly RequestDelegate next;
    private readonly HashSet<string> names;
    private readonly ILogger<HostFilterMiddleware> logger;

    public HostFilterMiddleware(RequestDelegate next, DashboardOptions options, ILogger<HostFilterMiddleware> logger)
    {
        this.next = next;
        this.logger = logger;
        names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Binding.Localhost, Environment.MachineName };
        names.UnionWith(options.AllowedHosts.Select(Normalize));
        names.Add(Normalize(options.Host));
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var host = Normalize(context.Request.Host.Host);
        if (host.Length == 0 || IPAddress.TryParse(host, out _) || names.Contains(host))
        {
            await next(context);
            return;
        }

        LogRefused(logger, host);
        await JsonErrors.WriteAsync(
            context,
            StatusCodes.Status421MisdirectedRequest,
            $"this dashboard does not answer to the name '{Shorten(host)}'; if that name is yours, "
            + "start mkdash with --allowed-host " + Shorten(host));
    }

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.');

    private static string Shorten(string host) => host.Length <= 100 ? host : host[..100] + "...";

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Refused a request for host {Host}: not a name of this dashboard")]
    private static partial void LogRefused(ILogger logger, string host);
}
