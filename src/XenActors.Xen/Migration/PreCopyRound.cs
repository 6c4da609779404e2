namespace XenActors.Xen.Migration;

/// <summary>
/// Figures of one round: pages and bytes sent, dirty pages left when it ended (what the next round must
/// send), and how long it took. <see cref="StopAndCopy"/> marks the last iteration, run with the guest paused.
/// </summary>
public sealed record PreCopyRound(int Round, long PagesSent, long BytesSent, long DirtyPagesLeft, DateTimeOffset Start, TimeSpan Duration, bool StopAndCopy);
