using XenActors.Hosting.Node.Bench;

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

    public double Attach(double p) => Percentiles.MicrosecondsOf(_attach, p);

    public double Detach(double p) => Percentiles.MicrosecondsOf(_detach, p);

    public double Cycle(double p) => Percentiles.MicrosecondsOf(_cycle, p);
}
