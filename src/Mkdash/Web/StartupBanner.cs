using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Mkdash.Cli;
using Mkdash.Roots;
using Mkdash.Security;

namespace Mkdash.Web;

/// <summary>The lines printed at start: where to open the page (with its token), and which root it shows.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app, DashboardOptions options, TextWriter output)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var url = addresses?.FirstOrDefault() ?? Binding.Urls(options.Host, options.Port)[0];
        var token = app.Services.GetRequiredService<AccessToken>();
        var query = token.Value is { } value ? "/?token=" + Uri.EscapeDataString(value) : "/";
        var wildcard = url.Contains("://0.0.0.0:", StringComparison.Ordinal)
            || url.Contains("://[::]:", StringComparison.Ordinal);
        var local = url.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://[::1]:", StringComparison.Ordinal);
        output.WriteLine($"mkdash {AppInfo.Version}: open {local}{query}");
        if (wildcard)
        {
            var remote = local.Replace("://127.0.0.1:", $"://{Environment.MachineName}:", StringComparison.Ordinal)
                .Replace("://[::1]:", $"://{Environment.MachineName}:", StringComparison.Ordinal);
            output.WriteLine($"from other machines: {remote}{query}");
        }

        if (options.NoAuth && !Binding.IsLoopback(options.Host))
        {
            output.WriteLine($"warning: --no-auth: anyone who can reach {url} can read this dashboard, no token asked");
        }

        var resolution = new RootResolver(options.Workspace, options.AllowRootDirs).Resolve(options.RootOut, "option");
        output.WriteLine(resolution.Root is { } root
            ? $"root: {root.Name} ({root.Path}, {root.Source})"
            : $"root: none yet; {resolution.Error} The page picks one up as soon as it appears.");
        output.WriteLine($"logs: {options.LogDir}; press Ctrl+C to stop.");
    }
}
