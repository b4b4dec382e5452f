namespace Mkdash.Cli;

/// <summary>What the command line asked for: run the dashboard (or the demo), or exit now.</summary>
/// <param name="ExitCode">Set when the program should exit without serving (help printed, or a bad value).</param>
/// <param name="Error">The one-line message for a bad value.</param>
/// <param name="HostArgs">ASP.NET Core host settings to hand on (used by tests).</param>
internal sealed record CommandLineResult(
    DashboardOptions? Options,
    bool Demo,
    int? ExitCode,
    string? Error,
    string[] HostArgs)
{
    public static CommandLineResult Fail(string error) => new(null, false, 2, error, []);

    public static CommandLineResult Exit(int code) => new(null, false, code, null, []);

    public static CommandLineResult Run(DashboardOptions options, bool demo, string[] hostArgs) =>
        new(options, demo, null, null, hostArgs);
}
