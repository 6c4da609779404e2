namespace XenActors.Xen.Hvm;

/// <summary>The guest kernel's hot-plug drivers: how they behave and how long they take before answering.</summary>
public sealed record GuestKernelOptions
{
    public GuestHotplugBehaviour Behaviour { get; init; } = GuestHotplugBehaviour.Cooperative;

    /// <summary>Time the driver takes before acknowledging or ejecting (scheduled on the system's clock).</summary>
    public TimeSpan AckDelay { get; init; } = TimeSpan.Zero;
}
