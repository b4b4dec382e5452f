using Mkdash;
using Mkdash.Cli;
using Mkdash.Web;

// 1. Read the command line; a bad value ends here, before any port is bound.
var command = CommandLine.Parse(args, Console.Out);
if (command.ExitCode is int code)
{
    if (command.Error is not null)
    {
        Console.Error.WriteLine(command.Error);
    }

    return code;
}

var options = command.Options!;

// 2. The demo makes its own workspace with a simulated pipeline and points the dashboard at it.
await using var demo = command.Demo ? Mkdash.Demo.DemoWorkspace.Create() : null;
if (demo is not null)
{
    options = demo.Apply(options);
}

// 3. Build and start the server.
var app = DashboardApp.Build(options, command.HostArgs, demo);
await app.StartAsync();

// 4. Say where to look, then serve until Ctrl+C.
StartupBanner.Print(app, options, Console.Out);
await app.WaitForShutdownAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
