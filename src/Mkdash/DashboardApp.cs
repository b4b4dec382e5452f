using Mkdash.Cli;
using Mkdash.Demo;
using Mkdash.Files;
using Mkdash.Gpus;
using Mkdash.Snapshots;
using Mkdash.Web;

namespace Mkdash;

/// <summary>Wires the dashboard: services, endpoints, and where it listens.</summary>
internal static class DashboardApp
{
    public static WebApplication Build(DashboardOptions options, string[] hostArgs, DemoWorkspace? demo)
    {
        var builder = WebApplication.CreateSlimBuilder(hostArgs);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(Url(options.Host, options.Port));

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        var gpuInterval = TimeSpan.FromSeconds(options.GpuIntervalSeconds);
        builder.Services.AddSingleton(new GpuSamplerOptions { Interval = gpuInterval });
        builder.Services.AddSingleton<IGpuSource>(
            services => (IGpuSource?)demo?.Gpus ?? GpuSources.Create(options, services));
        builder.Services.AddSingleton<GpuSampler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GpuSampler>());
        builder.Services.AddSingleton<ReadPolicy>();
        builder.Services.AddSingleton<SnapshotBuilder>();
        builder.Services.AddSingleton<SnapshotHub>();
        if (demo is not null)
        {
            builder.Services.AddHostedService(_ => demo.Pipeline);
        }

        var app = builder.Build();
        app.UseJsonErrors();
        app.MapStatusApi();
        app.MapPage();
        return app;
    }

    public static string Url(string host, int port)
    {
        var name = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return $"http://{name}:{port}";
    }
}
