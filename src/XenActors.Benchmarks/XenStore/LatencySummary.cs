using XenActors.Hosting.Node.Bench;

namespace XenActors.Benchmarks.XenStore;

/// <summary>Operations per second and p50/p99 from per-operation Stopwatch ticks.</summary>
public static class LatencySummary
{
    public static Dictionary<string, double> Of(long[] ticks, double seconds)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        return new Dictionary<string, double>
        {
            ["ops_per_sec"] = Math.Round(ticks.Length / seconds),
            ["p50_us"] = Percentiles.MicrosecondsOf(ticks, 0.50),
            ["p99_us"] = Percentiles.MicrosecondsOf(ticks, 0.99),
        };
    }
}
