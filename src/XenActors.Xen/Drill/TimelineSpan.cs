namespace XenActors.Xen.Drill;

/// <summary>Something that lasted: a drill phase, a pre-copy round, a path carrying traffic.</summary>
public sealed record TimelineSpan(string Lane, string Name, DateTimeOffset Start, DateTimeOffset End);
