// The control protocol is a closed family of small records; they read best side by side.
#pragma warning disable CA1034

namespace XenActors.Cluster.Control;

/// <summary>Messages a test conductor or the CLI sends to a node's control actor (<c>/user/node-control</c>).</summary>
public static class ControlMessages
{
    /// <summary>Replied with <see cref="Pong"/>; also the barrier primitive (every node answering = everyone got there).</summary>
    public sealed record Ping(string Barrier);

    public sealed record Pong(string Barrier, string Name, string Address, int Pid);

    /// <summary>Switches a transport fault towards <paramref name="Peer"/>: blackhole, send-drop, receive-drop, sever, delay, throttle, pass-through.</summary>
    public sealed record Fault(string Kind, string Peer, double Value = 0);

    /// <summary>Replied when a fault is applied; <paramref name="Error"/> says why not if it was refused.</summary>
    public sealed record FaultApplied(string Kind, string Peer, string? Error);
}
