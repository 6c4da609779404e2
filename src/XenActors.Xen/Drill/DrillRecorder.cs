using XenActors.Xen.Network;

namespace XenActors.Xen.Drill;

/// <summary>
/// Collects a drill's timeline: instants and spans per lane (one lane per actor), and traffic rate samples.
/// Thread-safe: hypervisor sinks, link timers and actors all record into it.
/// </summary>
public sealed class DrillRecorder
{
    private readonly Lock gate = new();
    private readonly List<string> lanes = [];
    private readonly List<TimelineEvent> events = [];
    private readonly List<TimelineSpan> spans = [];
    private readonly List<TrafficSample> samples = [];

    /// <summary>Lanes in the order they should be drawn: declared ones first, then as they appear.</summary>
    public IReadOnlyList<string> Lanes
    {
        get { lock (gate) return [.. lanes]; }
    }

    public IReadOnlyList<TimelineEvent> Events
    {
        get { lock (gate) return [.. events]; }
    }

    public IReadOnlyList<TimelineSpan> Spans
    {
        get { lock (gate) return [.. spans]; }
    }

    public IReadOnlyList<TrafficSample> Samples
    {
        get { lock (gate) return [.. samples]; }
    }

    public void DeclareLanes(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        lock (gate)
        {
            foreach (var name in names)
            {
                AddLane(name);
            }
        }
    }

    public void Mark(string lane, DateTimeOffset at, string label)
    {
        lock (gate)
        {
            AddLane(lane);
            events.Add(new TimelineEvent(lane, at, label));
        }
    }

    public void Span(string lane, string name, DateTimeOffset start, DateTimeOffset end)
    {
        lock (gate)
        {
            AddLane(lane);
            spans.Add(new TimelineSpan(lane, name, start, end));
        }
    }

    public void AddSamples(IEnumerable<TrafficSample> rate)
    {
        lock (gate)
        {
            samples.AddRange(rate);
        }
    }

    private void AddLane(string lane)
    {
        if (!lanes.Contains(lane))
        {
            lanes.Add(lane);
        }
    }
}
