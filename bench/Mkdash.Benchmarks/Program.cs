using BenchmarkDotNet.Running;
using Mkdash.Benchmarks;

// "tail-file PATH" writes the 1 GB log of TailBenchmarks there (scripts/bench.sh times GNU tail on it too).
if (args is ["tail-file", var path])
{
    var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
    File.Move(BenchFiles.SparseLog(folder, TailBenchmarks.LogBytes, BenchFiles.RunnerLines(20_000)), path, true);
    return;
}

// Otherwise every benchmark class here; BenchmarkDotNet's own arguments (--filter, --job, --inProcess) apply.
BenchmarkSwitcher.FromAssembly(typeof(TailBenchmarks).Assembly).Run(args);
