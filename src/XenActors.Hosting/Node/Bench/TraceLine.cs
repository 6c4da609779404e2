namespace XenActors.Hosting.Node.Bench;

/// <summary>One envelope of a message trace: when (Stopwatch ticks), which node, sent or received, the peer, the type.</summary>
public readonly record struct TraceLine(long Ticks, string Node, bool Sent, string Peer, string Type);
