namespace XenActors.Xen.Migration;

/// <summary>A transport outcome (or the engine's next slice of work) brought back into the migration actor's mailbox, so the engine stays single-threaded.</summary>
internal sealed record TransportCompleted(Action Continue);
