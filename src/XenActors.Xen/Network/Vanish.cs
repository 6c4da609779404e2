namespace XenActors.Xen.Network;

/// <summary>To a NIC: the device disappears now, without warning (surprise removal); frames sent to it are lost.</summary>
public sealed record Vanish
{
    public static Vanish Instance { get; } = new();
}
