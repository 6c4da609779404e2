namespace XenActors.Xen.Network;

/// <summary>The traffic generator's timer.</summary>
internal sealed record GeneratorTick
{
    public static GeneratorTick Instance { get; } = new();
}
