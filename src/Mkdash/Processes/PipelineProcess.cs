namespace Mkdash.Processes;

/// <summary>A process of the pipeline: the case runner or a MimicKit training worker.</summary>
/// <param name="Kind">"runner" or "worker".</param>
/// <param name="Script">The script that identifies it, e.g. run_case_longcycle.py.</param>
/// <param name="CommandLine">Its arguments joined by spaces (shortened when very long).</param>
internal sealed record PipelineProcess(int Pid, string Kind, string Script, string CommandLine);
