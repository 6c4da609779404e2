namespace XenActors.TestKit;

public abstract partial class TestKitBase
{
    private readonly AsyncLocal<DateTime?> _deadline = new();

    private static DateTime Now => DateTime.UtcNow;

    /// <summary>Time left in the innermost <see cref="Within(TimeSpan, Action)"/>, else the dilated single-expect default.</summary>
    public TimeSpan RemainingOrDefault => _deadline.Value is { } end ? Positive(end - Now) : Dilated(TestKitSettings.SingleExpectDefault);

    /// <summary>Time left in the innermost Within block; throws outside one.</summary>
    public TimeSpan Remaining => _deadline.Value is { } end
        ? Positive(end - Now)
        : throw new InvalidOperationException("Remaining is only defined inside Within(...)");

    /// <summary>An explicit duration is dilated and capped by the enclosing Within; none means RemainingOrDefault.</summary>
    protected TimeSpan RemainingOrDilated(TimeSpan? max)
    {
        if (max is null) return RemainingOrDefault;
        if (max.Value == Timeout.InfiniteTimeSpan) return _deadline.Value is { } e ? Positive(e - Now) : max.Value;
        var dilated = Dilated(max.Value);
        return _deadline.Value is { } end && end - Now < dilated ? Positive(end - Now) : dilated;
    }

    private static TimeSpan Positive(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    /// <summary>Runs <paramref name="action"/>; it must finish within <paramref name="max"/> (dilated), and expectations inside share that budget.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    public void Within(TimeSpan min, TimeSpan max, Action action) => Within(min, max, () =>
    {
        action();
        return true;
    });

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> function)
    {
        var dilatedMax = Dilated(max);
        var start = Now;
        var outer = _deadline.Value;
        var end = start + dilatedMax;
        _deadline.Value = outer is { } o && o < end ? o : end;
        try
        {
            var result = function();
            var elapsed = Now - start;
            if (elapsed < min) Fail($"Within: block took {elapsed.TotalMilliseconds:0} ms, should have taken at least {min.TotalMilliseconds:0} ms");
            if (elapsed > dilatedMax) Fail($"Within: block took {elapsed.TotalMilliseconds:0} ms, should have finished within {dilatedMax.TotalMilliseconds:0} ms");
            return result;
        }
        finally
        {
            _deadline.Value = outer;
        }
    }

    public async Task WithinAsync(TimeSpan max, Func<Task> action)
    {
        var dilatedMax = Dilated(max);
        var start = Now;
        var outer = _deadline.Value;
        _deadline.Value = start + dilatedMax;
        try
        {
            await action().ConfigureAwait(false);
            var elapsed = Now - start;
            if (elapsed > dilatedMax) Fail($"Within: block took {elapsed.TotalMilliseconds:0} ms, should have finished within {dilatedMax.TotalMilliseconds:0} ms");
        }
        finally
        {
            _deadline.Value = outer;
        }
    }

    protected static void Fail(string message) => Xunit.Assert.Fail(message);
}
