namespace Mkdash.Web;

/// <summary>
/// Counts the open event streams against --max-streams; each holds a connection for as long as it lives.
/// </summary>
internal sealed class StreamSlots(int max)
{
    private int open;

    public int Open => Volatile.Read(ref open);

    public int Max => max;

    public bool TryTake()
    {
        if (Interlocked.Increment(ref open) <= max)
        {
            return true;
        }

        Interlocked.Decrement(ref open);
        return false;
    }

    public void Release() => Interlocked.Decrement(ref open);
}
