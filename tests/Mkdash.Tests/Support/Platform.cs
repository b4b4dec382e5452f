// The product reads /proc and runs nvidia-smi: it exists for Linux training boxes only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
