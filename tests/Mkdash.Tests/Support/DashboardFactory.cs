using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Mkdash.Tests.Support;

/// <summary>
/// The real program, in process, on a temp workspace. Settings travel as the program's own
/// command-line options (--workspace=..., --log-dir=...), the way a user would give them.
/// </summary>
internal sealed class DashboardFactory(TempWorkspace temp, Dictionary<string, string?>? options = null)
    : WebApplicationFactory<Program>
{
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["workspace"] = temp.Workspace,
            ["log-dir"] = temp.LogDir,
            ["nvidia-smi"] = Path.Join(temp.Folder, "no-nvidia-smi-here"),
            ["nvml-library"] = Path.Join(temp.Folder, "no-libnvidia-ml-here.so"),
        };
        foreach (var (key, value) in options ?? [])
        {
            settings[key] = value;
        }

        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(settings));
        return base.CreateHost(builder);
    }
}
