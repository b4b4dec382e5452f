namespace Mkdash.Health;

/// <summary>How bad a label is; the order is the severity order.</summary>
internal enum HealthLevel
{
    Good = 0,
    Warning = 1,
    Critical = 2,
}
