namespace XenActors.Xen.Drill;

/// <summary>What a hot-plug operation did: the devices it removed or added, or why it failed (then nothing changed).</summary>
public sealed record HotplugResult(IReadOnlyList<PassThroughDevice> Devices, string? Error = null)
{
    public bool Succeeded => Error is null;
}
