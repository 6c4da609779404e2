using System.Diagnostics;

namespace XenActors.Benchmarks.XenStore;

/// <summary>Operations per second and p50/p99 from per-operation Stopwatch ticks.</summary>
public static class LatencySummary
{
    public static Dictionary<string, double> Of(long[] ticks, double seconds)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        Array.Sort(ticks);
        return new Dictionary<string, double>
        {
            ["ops_per_sec"] = Math.Round(ticks.Length / seconds),
            ["p50_us"] = Math.Round(Percentile(ticks, 0.50), 1),
            ["p99_us"] = Math.Round(Percentile(ticks, 0.99), 1),
        };
    }

    /// <summary>Microseconds at quantile <paramref name="p"/> of sorted ticks.</summary>
    public static double Percentile(long[] sortedTicks, double p)
    {
        ArgumentNullException.ThrowIfNull(sortedTicks);
        return sortedTicks.Length == 0
            ? 0
            : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(p * sortedTicks.Length))] * 1e6 / Stopwatch.Frequency;
    }
}
