namespace XenActors.Xen.Network;

/// <summary>The bond's MII monitor timer.</summary>
internal sealed record MiiMonTick
{
    public static MiiMonTick Instance { get; } = new();
}
