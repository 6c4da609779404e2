using System.Diagnostics;

namespace XenActors.Hosting.Node.Bench;

/// <summary>
/// Nearest-rank percentiles of bench samples: the smallest sample with at least p of all samples at or below it, so a
/// reported p99 is a latency that was measured, never one interpolated between two. Here rather than in
/// XenActors.Benchmarks because the cross-process benches in this project use it too, and Benchmarks references Hosting.
/// </summary>
public static class Percentiles
{
    /// <summary>The sample at fraction <paramref name="p"/> (0 to 1) of <paramref name="samples"/>, in any order; sorts a copy.</summary>
    public static T Of<T>(IEnumerable<T> samples, double p)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return OfSorted(samples.Order().ToArray(), p);
    }

    /// <summary>The same for samples already in ascending order.</summary>
    public static T OfSorted<T>(IReadOnlyList<T> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0) throw new ArgumentException("there are no samples to take a percentile of", nameof(sorted));
        if (p is not (>= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile is a fraction from 0 to 1");
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// <see cref="Of{T}"/> of Stopwatch tick counts, in microseconds to 0.1 µs as the bench reports give them; 0 when
    /// nothing was measured.
    /// </summary>
    public static double MicrosecondsOf(IReadOnlyCollection<long> ticks, double p)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        return ticks.Count == 0 ? 0 : Math.Round(Of(ticks, p) * 1e6 / Stopwatch.Frequency, 1);
    }
}
