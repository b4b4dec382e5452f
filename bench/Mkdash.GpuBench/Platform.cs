// NVML, nvidia-smi and /proc: Linux training boxes only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
