namespace Mkdash.Gpus;

/// <summary>What one nvidia-smi query printed, read.</summary>
/// <param name="Gpus">Every GPU, by index; one it could not reach is there with its error.</param>
/// <param name="UnknownField">A field this driver's nvidia-smi refused ("is not a valid field to query").</param>
/// <param name="OtherLines">Lines that are neither rows nor explained: error messages to pass on.</param>
internal sealed record NvidiaSmiOutput(
    IReadOnlyList<GpuReading> Gpus,
    string? UnknownField,
    IReadOnlyList<string> OtherLines);
