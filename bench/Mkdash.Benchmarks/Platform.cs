// The dashboard reads /proc and loads NVML: Linux training boxes only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
