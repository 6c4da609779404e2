using System.Text.Json;
using XenActors.Remote.Serialization;
using XenActors.Xen.Hvm;
using XenActors.Xen.Xend;

namespace XenActors.Hosting.XenHost;

/// <summary>
/// Registers xend's xm protocol with the remote serializer under stable manifests ("xen.xm.*"): the host node and
/// every xm client register the same set. The manifests must never change; add new ones instead.
/// </summary>
public static class XmSerialization
{
    public static void Register(SerializerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (registry.IsRegistered(typeof(XmCreate))) return;
        var c = XmJsonContext.Default;
        registry.RegisterJson("xen.xm.Create", c.XmCreate);
        registry.RegisterJson("xen.xm.Destroy", c.XmDestroy);
        registry.RegisterJson("xen.xm.PciAssignableAdd", c.XmPciAssignableAdd);
        registry.RegisterJson("xen.xm.PciAssignableRemove", c.XmPciAssignableRemove);
        registry.RegisterJson("xen.xm.PciAssignableList", c.XmPciAssignableList);
        registry.RegisterJson("xen.xm.PciAttach", c.XmPciAttach);
        registry.RegisterJson("xen.xm.PciDetach", c.XmPciDetach);
        registry.RegisterJson("xen.xm.PciList", c.XmPciList);
        registry.RegisterJson("xen.xm.DomainList", c.XmDomainList);
        registry.RegisterJson("xen.xm.PciDump", c.XmPciDump);
        registry.RegisterJson("xen.xm.DomainListing", c.XmDomainListing);
        registry.Register<XmResult>(SerializerIds.Json, "xen.xm.Result",
            (result, output) =>
            {
                using var writer = new Utf8JsonWriter(output);
                JsonSerializer.Serialize(writer, new XmResultWire(result.Success, result.Message, result.Lines, result.Domid, result.Trail?.Hops), c.XmResultWire);
            },
            bytes => JsonSerializer.Deserialize(bytes, c.XmResultWire) is { } w
                ? new XmResult(w.Success, w.Message, w.Lines, w.Domid) { Trail = TrailOf(w.Trail) }
                : throw new MessageSerializationException("manifest [xen.xm.Result] decoded to null"));
    }

    /// <summary>The hops rebuilt into a trail in their order; a null hop or event is a contract break.</summary>
    private static HotplugTrail? TrailOf(IReadOnlyList<HotplugHop>? hops)
    {
        if (hops is null) return null;
        var trail = HotplugTrail.Empty;
        foreach (var hop in hops)
        {
            if (hop?.Event is null) throw new MessageSerializationException("manifest [xen.xm.Result]: a trail hop without its event");
            if (!Enum.IsDefined(hop.From) || !Enum.IsDefined(hop.To)) throw new MessageSerializationException($"manifest [xen.xm.Result]: unknown participant in hop '{hop}'");
            trail = trail.Then(hop.From, hop.To, hop.Event);
        }
        return trail;
    }
}
