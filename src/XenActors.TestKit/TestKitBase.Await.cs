namespace XenActors.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>
    /// Re-runs <paramref name="assertion"/> every <paramref name="interval"/> (default 100 ms) until it passes or the
    /// time is up; then the last failure is rethrown. The way to wait for a state without a fixed sleep.
    /// </summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var end = DateTime.UtcNow + RemainingOrDilated(duration ?? TestKitSettings.DefaultTimeout);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < end)
            {
                Thread.Sleep(Min(pause, end - DateTime.UtcNow));
            }
        }
    }

    public async Task AwaitAssertAsync(Func<Task> assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var end = DateTime.UtcNow + RemainingOrDilated(duration ?? TestKitSettings.DefaultTimeout);
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                await assertion().ConfigureAwait(false);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < end)
            {
                await Task.Delay(Min(pause, end - DateTime.UtcNow)).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, polling every <paramref name="interval"/>; fails with <paramref name="message"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        var limit = RemainingOrDilated(max ?? TestKitSettings.DefaultTimeout);
        var end = DateTime.UtcNow + limit;
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        while (!condition())
        {
            if (DateTime.UtcNow >= end) Fail($"Timeout ({limit.TotalMilliseconds:0} ms) awaiting condition{(message is null ? "" : ": " + message)}");
            Thread.Sleep(Min(pause, end - DateTime.UtcNow));
        }
    }

    public async Task AwaitConditionAsync(Func<bool> condition, TimeSpan? max = null, TimeSpan? interval = null, string? message = null)
    {
        var limit = RemainingOrDilated(max ?? TestKitSettings.DefaultTimeout);
        var end = DateTime.UtcNow + limit;
        var pause = interval ?? TimeSpan.FromMilliseconds(100);
        while (!condition())
        {
            if (DateTime.UtcNow >= end) Fail($"Timeout ({limit.TotalMilliseconds:0} ms) awaiting condition{(message is null ? "" : ": " + message)}");
            await Task.Delay(Min(pause, end - DateTime.UtcNow)).ConfigureAwait(false);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b)
    {
        var m = a < b ? a : b;
        return m < TimeSpan.Zero ? TimeSpan.Zero : m;
    }
}
