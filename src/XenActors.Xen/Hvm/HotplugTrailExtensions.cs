using XenActors.Event;

namespace XenActors.Xen.Hvm;

public static class HotplugTrailExtensions
{
    /// <summary>Appends a hop and publishes it on the event stream, so drills can watch the chain live.</summary>
    public static HotplugTrail Record(this HotplugTrail trail, EventStream events, HotplugParticipant from, HotplugParticipant to, string what)
    {
        ArgumentNullException.ThrowIfNull(trail);
        ArgumentNullException.ThrowIfNull(events);
        var next = trail.Then(from, to, what);
        events.Publish(next.Last);
        return next;
    }

    /// <summary>Publishes the hops <paramref name="after"/> has beyond <paramref name="before"/> (appended by non-actor code).</summary>
    public static void PublishSince(this HotplugTrail after, EventStream events, HotplugTrail before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var hop in after.Hops.Skip(before.Hops.Count)) events.Publish(hop);
    }
}
