namespace XenActors.Xen.Network;

/// <summary>Timing of the bonded guest network, in one place; Linux bonding defaults where there is one.</summary>
public static class NetworkDefaults
{
    /// <summary>The MII link monitor's polling interval (bonding's recommended miimon=100).</summary>
    public static readonly TimeSpan MiiMonInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the traffic generator wakes up to send what its rate allows.</summary>
    public static readonly TimeSpan GeneratorTick = TimeSpan.FromMilliseconds(1);

    /// <summary>Packets per second of the drill's traffic.</summary>
    public const double PacketsPerSecond = 1000;

    /// <summary>Width of one traffic-rate sample at the sink.</summary>
    public static readonly TimeSpan RateSampleWidth = TimeSpan.FromMilliseconds(50);
}
