using System.Collections.Immutable;

namespace XenActors.Xen.Hvm;

/// <summary>
/// The hops an operation has taken so far. It travels inside the messages (immutable, so every actor
/// appends to its own copy) and comes back in the final answer, so a test can assert the whole chain
/// in order without a shared mutable recorder.
/// </summary>
public sealed record HotplugTrail
{
    public static HotplugTrail Empty { get; } = new();

    private HotplugTrail() => Hops = [];

    private HotplugTrail(ImmutableList<HotplugHop> hops) => Hops = hops;

    public ImmutableList<HotplugHop> Hops { get; }

    /// <summary>A trail that starts where the operation came from (usually xm → xend).</summary>
    public static HotplugTrail Start(HotplugParticipant from, HotplugParticipant to, string what) => Empty.Then(from, to, what);

    public HotplugTrail Then(HotplugParticipant from, HotplugParticipant to, string what) => new(Hops.Add(new HotplugHop(from, to, what)));

    public HotplugHop Last => Hops.Count > 0 ? Hops[^1] : throw new InvalidOperationException("the trail is empty");

    /// <summary>(From, To) of every hop: what order assertions usually compare.</summary>
    public IReadOnlyList<(HotplugParticipant From, HotplugParticipant To)> Path => [.. Hops.Select(h => (h.From, h.To))];

    public override string ToString() => string.Join("\n", Hops);
}
