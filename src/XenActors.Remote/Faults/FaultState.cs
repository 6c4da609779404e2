namespace XenActors.Remote.Faults;

/// <summary>The faults in force towards one peer. <see cref="None"/> is a clean link.</summary>
public sealed record FaultState
{
    public static readonly FaultState None = new();

    public bool DropSend { get; init; }
    public bool DropReceive { get; init; }

    /// <summary>Bytes per second allowed out / in; null is unlimited.</summary>
    public double? SendBytesPerSecond { get; init; }
    public double? ReceiveBytesPerSecond { get; init; }

    /// <summary>Extra latency added to every outbound frame (throughput is kept: frames are delayed, not serialized).</summary>
    public TimeSpan SendDelay { get; init; }

    /// <summary>The link is cut: the connection is closed and neither side can reconnect until passed through.</summary>
    public bool Severed { get; init; }

    public bool IsNone => this == None;
}
