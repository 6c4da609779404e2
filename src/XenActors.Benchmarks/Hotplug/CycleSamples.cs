using XenActors.Benchmarks.XenStore;

namespace XenActors.Benchmarks.Hotplug;

/// <summary>Attach and detach times of each cycle, in Stopwatch ticks, and their quantiles in microseconds.</summary>
internal sealed class CycleSamples(int capacity)
{
    private readonly List<long> _attach = new(capacity);
    private readonly List<long> _detach = new(capacity);
    private readonly List<long> _cycle = new(capacity);

    public void Add(long attachTicks, long detachTicks)
    {
        _attach.Add(attachTicks);
        _detach.Add(detachTicks);
        _cycle.Add(attachTicks + detachTicks);
    }

    public double Attach(double p) => Quantile(_attach, p);

    public double Detach(double p) => Quantile(_detach, p);

    public double Cycle(double p) => Quantile(_cycle, p);

    private static double Quantile(List<long> ticks, double p)
    {
        var sorted = ticks.ToArray();
        Array.Sort(sorted);
        return Math.Round(LatencySummary.Percentile(sorted, p), 1);
    }
}
