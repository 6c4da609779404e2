namespace XenActors.Xen.Store;

/// <summary>What the store knows about a domain: whether it is introduced, its ring, its target.</summary>
public sealed class XsDomain
{
    internal XsDomain(uint domId) => DomId = domId;

    public uint DomId { get; }

    public bool Introduced { get; internal set; }

    public ulong Mfn { get; internal set; }

    public uint Port { get; internal set; }

    /// <summary>SET_TARGET: this domain acts with the rights of the target (e.g. a stub device model).</summary>
    public uint? Target { get; internal set; }

    /// <summary>Cleared by RESUME; set by <see cref="XenStoreCore.MarkShutdown"/>.</summary>
    public bool Shutdown { get; internal set; }
}
