namespace Mkdash.Demo;

/// <summary>A case the demo runs, and how its attempts turn out.</summary>
/// <param name="Args">The args file, e.g. add_humanoid_args.txt.</param>
/// <param name="NcclFailures">How many attempts fail with an NCCL watchdog timeout before one succeeds.</param>
internal sealed record DemoCase(string Args, string Method, string CaseType, int NcclFailures = 0)
{
    public static IReadOnlyList<DemoCase> All { get; } =
    [
        new("add_humanoid_args.txt", "add", "trainable"),
        new("amp_humanoid_args.txt", "amp", "trainable", NcclFailures: 1),
        new("ase_humanoid_args.txt", "ase", "trainable"),
        new("deepmimic_humanoid_ppo_args.txt", "deepmimic", "trainable"),
        new("amp_go2_args.txt", "amp", "trainable"),
        new("deepmimic_g1_ppo_args.txt", "deepmimic", "trainable"),
        new("dof_test_humanoid_args.txt", "dof", "nontrainable"),
        new("vault_g1_args.txt", "vault", "trainable"),
    ];

    public string Folder => Args[..^4];
}
