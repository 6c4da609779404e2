namespace XenActors.Xen.Drill;

/// <summary>Published on the event stream as a drill moves on: a line a person can follow live.</summary>
public sealed record DrillProgress(string Guest, string Phase, DateTimeOffset At, string Line);
