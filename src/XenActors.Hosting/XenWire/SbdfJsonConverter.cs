using XenActors.Xen.Hypervisor;

namespace XenActors.Hosting.XenWire;

/// <summary>The hypervisor's function address; an out-of-range field is refused on read.</summary>
public sealed class SbdfJsonConverter() : BdfJsonConverter<Sbdf>("an SBDF", "SBDF")
{
    protected override bool TryParse(string? text, out Sbdf value) => Sbdf.TryParse(text, out value);
}
