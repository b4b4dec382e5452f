using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Runtime.CompilerServices;
using Mkdash.Health;

namespace Mkdash.Cli;

/// <summary>The command line: the dashboard itself, and the <c>demo</c> command.</summary>
internal static class CommandLine
{
    private static readonly Option<string> Workspace = new("--workspace")
    {
        Description = "MimicKit checkout; run roots live in <workspace>/output/train [default: current directory]",
        Recursive = true,
    };

    private static readonly Option<string> RootOut = new("--root-out")
    {
        Description = "Run root to show (name under output/train, or a path); default: newest preferred root",
    };

    private static readonly Option<string> LogDir = new("--log-dir")
    {
        Description = "Folder with the runner and monitor logs",
        DefaultValueFactory = _ => "/tmp",
    };

    private static readonly Option<string> RunnerLog = new("--runner-log")
    {
        Description = "Runner log file [default: <log-dir>/<root>.log, else newest case_*longcycle*.log]",
    };

    private static readonly Option<string> MonitorLog = new("--monitor-log")
    {
        Description = "Monitor log file [default: newest mk_dualgpu_follow_until_high_*, "
            + "mk_ultralong_alloc_monitor_*, mk_longcycle_monitor_*.log in <log-dir>]",
    };

    private static readonly Option<int> HistorySize = Positive(
        "--history-size", 180, "Monitor-log GPU samples sent to the page");

    private static readonly Option<int> LogLines = Positive("--log-lines", 200, "Lines of each log sent to the page");

    private static readonly Option<string> Host = new("--host")
    {
        Description = "Address to listen on; localhost means 127.0.0.1 and ::1. Any other needs a token (see --token)",
        DefaultValueFactory = _ => "localhost",
        Recursive = true,
    };

    private static readonly Option<int> Port = new("--port")
    {
        Description = "Port to listen on (0 picks a free one)",
        DefaultValueFactory = _ => 8787,
        Recursive = true,
    };

    private static readonly Option<string[]> AllowRootDir = new("--allow-root-dir")
    {
        Description = "Another folder run roots may live in (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string> NvidiaSmi = new("--nvidia-smi")
    {
        Description = "nvidia-smi program asked for the GPUs when NVML cannot answer",
        DefaultValueFactory = _ => "nvidia-smi",
    };

    private static readonly Option<string> NvmlLibrary = new("--nvml-library")
    {
        Description = "NVML library read first (name or path; \"off\": nvidia-smi only)",
        DefaultValueFactory = _ => "libnvidia-ml.so.1",
    };

    private static readonly Option<string> Token = new("--token")
    {
        Description = "Access token API clients must show (?token= once, then a cookie; or Authorization: Bearer) "
            + $"[default: ${TokenVariable}, else generated when --host is not loopback]",
        Recursive = true,
    };

    private static readonly Option<bool> NoAuth = new("--no-auth")
    {
        Description = "Serve without a token even on a non-loopback address (prints a warning)",
        Recursive = true,
    };

    private static readonly Option<string[]> AllowedHost = new("--allowed-host")
    {
        Description = "Another name the page may be reached by (Host header); localhost, IP addresses, "
            + "the --host name and this machine's name always are (repeatable)",
        AllowMultipleArgumentsPerToken = false,
        Recursive = true,
    };

    private static readonly Option<int> MaxStreams = Positive(
        "--max-streams", 256, "Live event streams served at once (each browser shares one between its tabs)");

    private static readonly Option<int> RateLimit = new("--rate-limit")
    {
        Description = "Requests per second one client address may make, twice that in a burst (0: no limit)",
        DefaultValueFactory = _ => 100,
        CustomParser = result => Number(result, "--rate-limit", 0, 1_000_000, "a whole number, 0 or more") is { } value
            ? (int)value
            : 0,
        Recursive = true,
    };

    private static readonly Option<double> GpuInterval = Seconds(
        "--gpu-interval", 2, "Seconds between GPU samples while a page or API client is watching");

    private static readonly Option<double> UtilTarget = Percent(
        "--util-target", 60, "GPU utilization (%) every GPU should reach");

    private static readonly Option<double> ImbalanceGap = Percent(
        "--imbalance-gap", 45, "Mean spread between GPUs (points) above which the load is imbalanced");

    private static readonly Option<int> ImbalanceWindow = Positive(
        "--imbalance-window", 12, "Recent GPU samples the imbalance mean covers");

    /// <summary>The environment variable that may carry the token, so it stays out of the process list.</summary>
    public const string TokenVariable = "MKDASH_TOKEN";

    // WebApplicationFactory passes host settings as --key=value; they are accepted, hidden, and handed on.
    private static readonly string[] HostSettings = ["--environment", "--contentRoot", "--applicationName"];

    public static CommandLineResult Parse(string[] args, TextWriter output)
    {
        var (own, host) = SplitHostSettings(args);
        var chosen = new StrongBox<bool>();
        var root = Build(chosen);
        var result = root.Parse(own, new ParserConfiguration());
        if (result.Errors.Count > 0)
        {
            return CommandLineResult.Fail($"mkdash: {result.Errors[0].Message} (see mkdash --help)");
        }

        // Help and --version print and end here; the commands' own actions only record that they were chosen.
        var code = result.Invoke(new InvocationConfiguration { Output = output });
        if (!chosen.Value)
        {
            return CommandLineResult.Exit(code);
        }

        var options = Read(result);
        var problem = Validate(options);
        if (problem is not null)
        {
            return CommandLineResult.Fail($"mkdash: {problem}");
        }

        var demo = result.CommandResult.Command.Name == "demo";
        return CommandLineResult.Run(options, demo, host);
    }

    private static RootCommand Build(StrongBox<bool> chosen)
    {
        var root = new RootCommand(
            "mkdash: a read-only web dashboard for MimicKit training pipelines "
            + "(progress, attempts, GPUs, health, logs).")
        {
            Workspace, RootOut, LogDir, RunnerLog, MonitorLog, HistorySize, LogLines, Host, Port, AllowRootDir,
            NvidiaSmi, UtilTarget, ImbalanceGap, ImbalanceWindow, NvmlLibrary, GpuInterval,
            Token, NoAuth, AllowedHost, MaxStreams, RateLimit,
        };
        var demo = new Command(
            "demo",
            "Create a temporary workspace with a simulated live pipeline (progress, attempts with an NCCL retry, "
            + "growing logs, simulated GPUs) and serve the dashboard on it.");
        root.Subcommands.Add(demo);
        root.SetAction(_ => chosen.Value = true);
        demo.SetAction(_ => chosen.Value = true);
        return root;
    }

    private static DashboardOptions Read(ParseResult result)
    {
        return new DashboardOptions
        {
            Workspace = Path.GetFullPath(result.GetValue(Workspace) ?? Directory.GetCurrentDirectory()),
            RootOut = result.GetValue(RootOut),
            LogDir = result.GetValue(LogDir) ?? "/tmp",
            RunnerLog = result.GetValue(RunnerLog),
            MonitorLog = result.GetValue(MonitorLog),
            HistorySize = result.GetValue(HistorySize),
            LogLines = result.GetValue(LogLines),
            Host = result.GetValue(Host) ?? "localhost",
            Port = result.GetValue(Port),
            AllowRootDirs = result.GetValue(AllowRootDir) ?? [],
            NvidiaSmi = result.GetValue(NvidiaSmi) ?? "nvidia-smi",
            NvmlLibrary = result.GetValue(NvmlLibrary) ?? "libnvidia-ml.so.1",
            GpuIntervalSeconds = result.GetValue(GpuInterval),
            Thresholds = new HealthThresholds
            {
                UtilTarget = result.GetValue(UtilTarget),
                ImbalanceGap = result.GetValue(ImbalanceGap),
                ImbalanceWindow = result.GetValue(ImbalanceWindow),
            },
            Token = result.GetValue(Token) ?? NonEmpty(Environment.GetEnvironmentVariable(TokenVariable)),
            NoAuth = result.GetValue(NoAuth),
            AllowedHosts = result.GetValue(AllowedHost) ?? [],
            MaxStreams = result.GetValue(MaxStreams),
            RateLimit = result.GetValue(RateLimit),
        };
    }

    private static string? Validate(DashboardOptions options)
    {
        if (options.Port is < 0 or > 65535)
        {
            return $"--port {options.Port} is not a port (0-65535)";
        }

        if (!Directory.Exists(options.Workspace))
        {
            return $"--workspace {options.Workspace}: no such directory";
        }

        if (!Directory.Exists(options.LogDir))
        {
            return $"--log-dir {options.LogDir}: no such directory";
        }

        if (string.IsNullOrWhiteSpace(options.Host))
        {
            return "--host must not be empty";
        }

        if (options.Token is { } token && (token.Length < 8 || token.Any(char.IsWhiteSpace)))
        {
            return "--token must be at least 8 characters without spaces";
        }

        var missing = options.AllowRootDirs.FirstOrDefault(dir => !Directory.Exists(dir));
        return missing is null ? null : $"--allow-root-dir {missing}: no such directory";
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Option<int> Positive(string name, int fallback, string description)
    {
        return new Option<int>(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = result => Number(result, name, 1, int.MaxValue, "a whole number, at least 1") is { } value
                ? (int)value
                : 0,
        };
    }

    private static Option<double> Percent(string name, double fallback, string description)
    {
        return new Option<double>(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = result => Number(result, name, 0, 100, "a number between 0 and 100") ?? 0,
        };
    }

    /// <summary>
    /// Reads the option's one token as a culture-invariant number in range, or records a one-line error:
    /// "1,5" is refused rather than read as 15.
    /// </summary>
    private static double? Number(ArgumentResult result, string name, double min, double max, string expected)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var whole = min >= 1;
        var style = whole ? NumberStyles.AllowLeadingSign : NumberStyles.Float;
        if (double.TryParse(token, style, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{name} {token}: expected {expected}");
        return null;
    }

    private static Option<double> Seconds(string name, double fallback, string description)
    {
        return new Option<double>(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = result => Number(result, name, 0.1, 3600, "seconds between 0.1 and 3600") ?? fallback,
        };
    }

    private static (string[] Own, string[] Host) SplitHostSettings(string[] args)
    {
        static bool IsHost(string arg) => HostSettings.Any(
            name => arg.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase));
        return ([.. args.Where(arg => !IsHost(arg))], [.. args.Where(IsHost)]);
    }
}
