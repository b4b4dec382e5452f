using System.Globalization;
using System.Text;

namespace Mkdash.Demo;

/// <summary>The demo's monitor loops: one block-shaped and one line-shaped log, sampled every 2 s.</summary>
internal sealed partial class DemoPipeline
{
    private async Task MonitorAsync(CancellationToken cancellationToken)
    {
        var blocks = Path.Join(logDir, "mk_longcycle_monitor_demo.log");
        var lines = Path.Join(logDir, "mk_dualgpu_follow_until_high_demo.log");
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                var g0 = gpus.Read(0);
                var g1 = gpus.Read(1);
                var stamp = DemoFiles.Stamp(now);
                var block = new StringBuilder($"=== {stamp} ===\n");
                foreach (var g in new[] { g0, g1 })
                {
                    block.Append(CultureInfo.InvariantCulture, $"{g.Index}, {g.Utilization} %, {g.MemoryUsedMiB} MiB, ");
                    block.Append(CultureInfo.InvariantCulture, $"{g.MemoryTotalMiB} MiB, {g.PowerW:0.00} W\n");
                }

                block.Append(CultureInfo.InvariantCulture, $"{{\n  \"status\": \"{state.ProgressText}\"\n}}");
                block.Append(CultureInfo.InvariantCulture, $"current_case_note {state.CaseName} {state.Note}\n\n");
                DemoFiles.Append(blocks, block.ToString());

                var both = g0.Utilization >= 60 && g1.Utilization >= 60 ? 1 : 0;
                DemoFiles.Append(lines, string.Create(
                    CultureInfo.InvariantCulture,
                    $"{stamp} | root={state.RootName} progress={state.ProgressText} case={state.CaseName} note={state.Note} "
                    + $"| GPU0={g0.Utilization}% GPU1={g1.Utilization}% | mem0={g0.MemoryUsedMiB}MiB mem1={g1.MemoryUsedMiB}MiB "
                    + $"| pw0={g0.PowerW:0.00}W pw1={g1.PowerW:0.00}W | both_high={both}\n"));

                await Task.Delay(TimeSpan.FromSeconds(2), time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The demo is stopping.
        }
    }
}
