namespace XenActors.Xen.Network;

/// <summary>The two slaves of a guest's bond.</summary>
public enum NicPath
{
    /// <summary>The passed-through NIC: fast, but it must go before a migration. The bond's primary.</summary>
    Physical,

    /// <summary>netfront → netback in the driver domain: slower, but it migrates with the guest.</summary>
    Virtual,
}
