namespace XenActors.Xen.Hypervisor;

/// <summary>What XEN_DOMCTL_createdomain plus the build steps need. A null Domid asks for automatic allocation.</summary>
public sealed record DomainConfig(string Name)
{
    public DomainType Type { get; init; } = DomainType.Pv;

    public int MemoryMiB { get; init; } = 512;

    public int Vcpus { get; init; } = 1;

    public int? Domid { get; init; }

    /// <summary>Overrides <see cref="HypervisorOptions.MaxEventChannelPort"/> for this domain.</summary>
    public int? MaxEventChannelPort { get; init; }

    /// <summary>Grants control-domain privileges (e.g. a driver domain given IS_PRIV); dom0 always has them.</summary>
    public bool Privileged { get; init; }
}
