using Mkdash.Cli;
using Mkdash.Demo;
using Mkdash.Files;
using Mkdash.Gpus;
using Mkdash.Security;
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
        builder.WebHost.UseUrls(Binding.Urls(options.Host, options.Port));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Nothing here takes a request body; every open connection is bounded.
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = options.MaxStreams + 1024;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        var gpuInterval = TimeSpan.FromSeconds(options.GpuIntervalSeconds);
        builder.Services.AddSingleton(new GpuSamplerOptions { Interval = gpuInterval });
        builder.Services.AddSingleton<IGpuSource>(
            services => (IGpuSource?)demo?.Gpus ?? GpuSources.Create(options, services));
        builder.Services.AddSingleton<GpuSampler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GpuSampler>());
        builder.Services.AddSingleton<ReadPolicy>();
        builder.Services.AddSingleton(AccessToken.For(options));
        builder.Services.AddSingleton(new StreamSlots(options.MaxStreams));
        builder.Services.AddSingleton<SnapshotBuilder>();
        builder.Services.AddSingleton<SnapshotHub>();
        if (demo is not null)
        {
            builder.Services.AddHostedService(_ => demo.Pipeline);
        }

        var app = builder.Build();
        app.UseJsonErrors();
        app.UseSecurityHeaders();
        app.UseMiddleware<HostFilterMiddleware>();
        app.UseClientRateLimit(options.RateLimit, app.Services.GetRequiredService<TimeProvider>());
        app.UseMiddleware<AccessTokenMiddleware>();
        app.MapStatusApi();
        app.MapPage();
        return app;
    }
}
