using System.Text.Json.Serialization.Metadata;
using XenActors.Hosting.XenHost;
using XenActors.Remote.Serialization;
using XenActors.Xen.XenStore;

namespace XenActors.Hosting.XenWire;

/// <summary>
/// Registers every message that crosses between Xen domains placed on different nodes (XenStore, hypercalls and
/// their XenResult replies, guest launch, HVM hot-plug, ioemu) under stable manifests: <c>xen.xs.*</c>,
/// <c>xen.hv.*</c>, <c>xen.launch.*</c>, <c>xen.hvm.*</c>, <c>xen.ioemu.*</c>, plus xm's <c>xen.xm.*</c>.
/// Every node and the xm client register the same set. The manifests must never change; add new ones instead.
/// </summary>
public static partial class XenWire
{
    /// <summary>Registers the Xen wire protocol into <paramref name="registry"/>; a second call does nothing.</summary>
    public static void Register(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        XmSerialization.Register(registry);
        if (registry.IsRegistered(typeof(XsRead))) return;
        RegisterStore(registry);
        RegisterHypervisor(registry);
        RegisterLaunch(registry);
        RegisterHvm(registry);
        RegisterIoemu(registry);
    }

    private static void Json<T>(SerializerRegistry registry, string manifest, JsonTypeInfo<T> info) where T : notnull =>
        registry.RegisterJson(manifest, info);
}
