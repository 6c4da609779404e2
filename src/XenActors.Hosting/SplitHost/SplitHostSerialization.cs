using XenActors.Remote.Serialization;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// What crosses between the nodes of a split host: the Xen protocol (<see cref="XenWire.XenWire"/>), plus the journal subscription and
/// the launcher messages that put an HVM guest's kernel and its device model on different nodes. Stable manifests
/// ("xen.split.*"); every node of a split host, and every client of its journal, registers the same set.
/// </summary>
public static class SplitHostSerialization
{
    public static void Register(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        XenWire.XenWire.Register(registry);
        if (registry.IsRegistered(typeof(XsJournalSubscribe))) return;
        var c = SplitHostJsonContext.Default;
        registry.RegisterJson("xen.split.JournalSubscribe", c.XsJournalSubscribe);
        registry.RegisterJson("xen.split.JournalSubscribed", c.XsJournalSubscribed);
        registry.RegisterJson("xen.split.StartHvmKernel", c.StartHvmKernel);
        registry.RegisterJson("xen.split.HvmKernelStarted", c.HvmKernelStarted);
        registry.RegisterJson("xen.split.StartDeviceModel", c.StartDeviceModel);
    }
}
