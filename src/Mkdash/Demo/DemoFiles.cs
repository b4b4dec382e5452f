using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mkdash.Demo;

/// <summary>Writes files the way the real runner and MimicKit do, for the demo's own workspace only.</summary>
internal static class DemoFiles
{
    public static void WriteJson(string path, object value)
    {
        // In place and without a trailing newline, as the runner's json.dump does.
        File.WriteAllText(path, JsonSerializer.Serialize(value, value.GetType(), DemoJsonContext.Default));
    }

    public static void Append(string path, string text)
    {
        File.AppendAllText(path, text, Encoding.UTF8);
    }

    public static string Stamp(DateTimeOffset time)
    {
        return time.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>One iteration of MimicKit's stdout table.</summary>
    public static string IterationTable(int iteration, long samples, double testReturn, double trainReturn)
    {
        var rows = new (string Key, string Value)[]
        {
            ("Iteration", iteration.ToString(CultureInfo.InvariantCulture)),
            ("Wall_Time", (iteration * 0.00006).ToString("0.###e+0", CultureInfo.InvariantCulture)),
            ("Samples", samples.ToString(CultureInfo.InvariantCulture)),
            ("Test_Return", testReturn.ToString("0.###", CultureInfo.InvariantCulture)),
            ("Train_Return", trainReturn.ToString("0.###", CultureInfo.InvariantCulture)),
            ("Loss", (0.5 / (1 + iteration * 0.05)).ToString("0.###", CultureInfo.InvariantCulture)),
        };
        var text = new StringBuilder("------------------------------------------\n");
        foreach (var (key, value) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {key,20} | {value,15} |\n");
        }

        return text.Append("------------------------------------------\n\n").ToString();
    }

    /// <summary>MimicKit's log.txt row: 25-character left-justified columns, ended by \r alone.</summary>
    public static string TrainingRow(params object[] values)
    {
        var row = new StringBuilder();
        foreach (var value in values)
        {
            row.Append(string.Format(CultureInfo.InvariantCulture, "{0}", value).PadRight(25));
        }

        return row.Append('\r').ToString();
    }

    public const string NcclFailure =
        "[rank1]:[E ProcessGroupNCCL.cpp:1413] [PG 0 Rank 1] Exception (either an error or timeout) detected by "
        + "watchdog at work: 8090, last enqueued NCCL work: 8090, last completed NCCL work: 8089.\n"
        + "[rank1]:[E ProcessGroupNCCL.cpp:636] [Rank 1] To avoid data inconsistency, we are taking the entire "
        + "process down.\n"
        + "Traceback (most recent call last):\n"
        + "  File \"mimickit/run.py\", line 163, in <module>\n"
        + "torch.distributed.DistBackendError: [Rank 0] Watchdog caught collective operation timeout: "
        + "WorkNCCL(SeqNum=8090, OpType=ALLREDUCE, NumelIn=1, NumelOut=1, Timeout(ms)=600000) ran for 600010 "
        + "milliseconds before timing out.\n";
}
