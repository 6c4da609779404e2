using XenActors.Xen.Pci;

namespace XenActors.Hosting.XenWire;

/// <summary>A device-side PCI address; its fields are get-only, so it travels as its text.</summary>
public sealed class PciAddressJsonConverter() : BdfJsonConverter<PciAddress>("a PCI address", "PCI address")
{
    protected override bool TryParse(string? text, out PciAddress value) => PciAddress.TryParse(text, out value);
}
