namespace XenActors.Xen.Drill;

/// <summary>A timed phase (warm-up, settle, drain) of a drill is over.</summary>
internal sealed record PhaseElapsed(string Phase);
