using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Mkdash.Cli;
using Mkdash.Roots;

namespace Mkdash.Web;

/// <summary>The lines printed at start: where to open the page, and which root it shows.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app, DashboardOptions options, TextWriter output)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var url = addresses?.FirstOrDefault() ?? DashboardApp.Url(options.Host, options.Port);
        output.WriteLine($"mkdash {AppInfo.Version}: open {url.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)}/");

        var resolution = new RootResolver(options.Workspace, options.AllowRootDirs).Resolve(options.RootOut, "option");
        output.WriteLine(resolution.Root is { } root
            ? $"root: {root.Name} ({root.Path}, {root.Source})"
            : $"root: none yet; {resolution.Error} The page picks one up as soon as it appears.");
        output.WriteLine($"logs: {options.LogDir}; press Ctrl+C to stop.");
    }
}
