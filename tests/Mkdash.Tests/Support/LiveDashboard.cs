using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Mkdash.Cli;
using Mkdash.Demo;

namespace Mkdash.Tests.Support;

/// <summary>
/// The program as Program.cs starts it, from command-line options, on a real Kestrel socket
/// (127.0.0.1, a free port), for the browser.
/// </summary>
internal sealed class LiveDashboard : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly DemoWorkspace? demo;

    private LiveDashboard(WebApplication app, string url, DemoWorkspace? demo = null)
    {
        this.app = app;
        this.demo = demo;
        Url = url;
    }

    /// <summary>The page's address, ending in a slash.</summary>
    public string Url { get; }

    public static Task<LiveDashboard> StartAsync(TempWorkspace temp, params string[] extraArgs)
    {
        return StartOnPortAsync(temp, 0, extraArgs);
    }

    /// <summary>On a given port, so a second server can take over the address of a stopped one.</summary>
    public static async Task<LiveDashboard> StartOnPortAsync(TempWorkspace temp, int port, params string[] extraArgs)
    {
        // Without a GPU unless the test brings its own nvidia-smi.
        string[] noGpu = extraArgs.Contains("--nvidia-smi")
            ? []
            : ["--nvidia-smi", Path.Join(temp.Folder, "no-nvidia-smi")];
        string[] noNvml = extraArgs.Contains("--nvml-library")
            ? []
            : ["--nvml-library", Path.Join(temp.Folder, "no-nvml.so")];
        string[] args =
        [
            "--workspace", temp.Workspace, "--log-dir", temp.LogDir,
            "--port", port.ToString(CultureInfo.InvariantCulture), .. noGpu, .. noNvml, .. extraArgs,
        ];
        var command = CommandLine.Parse(args, TextWriter.Null);
        var app = DashboardApp.Build(command.Options ?? throw new ArgumentException(command.Error), [], demo: null);
        await app.StartAsync();
        return new LiveDashboard(app, AddressOf(app));
    }

    /// <summary>What `mkdash demo --port 0` starts: a simulated pipeline in its own temp workspace.</summary>
    public static async Task<LiveDashboard> StartDemoAsync()
    {
        var demo = DemoWorkspace.Create();
        var options = demo.Apply(CommandLine.Parse(["demo", "--port", "0"], TextWriter.Null).Options!);
        var app = DashboardApp.Build(options, [], demo);
        await app.StartAsync();
        return new LiveDashboard(app, AddressOf(app), demo);
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string AddressOf(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return addresses.Addresses.First().TrimEnd('/') + "/";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (demo is not null)
        {
            await demo.DisposeAsync();
        }
    }
}
