using System.Globalization;
using System.Text;

namespace XenActors.Xen.Pci.Spec;

/// <summary>
/// A parsed PCI_SPEC_STRING (xl-pci-configuration(5) plus xend's multi-function lists):
/// <c>[DDDD:]BB:DD.F[@VSLOT][,key=value]*</c>, or the keyed form <c>bdf=...,vslot=...</c> /
/// <c>name=...</c>. <see cref="Slot"/> is null only in the name form.
/// </summary>
public sealed record PciSpec
{
    public PciSlotAddress? Slot { get; init; }

    public PciFunctionSet Functions { get; init; }

    /// <summary>The virtual slot (0-0x1f) the guest sees the device at; vdevfn = vslot &lt;&lt; 3.</summary>
    public int? VirtualSlot { get; init; }

    public PciSpecOptions Options { get; init; } = PciSpecOptions.None;

    /// <summary>The single physical address, when the spec names exactly one function.</summary>
    public PciAddress? SingleAddress =>
        Slot is { } s && Functions.IsSingle ? s.Function(Functions.Functions[0]) : null;

    public static PciSpec Parse(string text) => PciSpecParser.Parse(text);

    public static bool TryParse(string text, out PciSpec? spec, out PciSpecException? error)
    {
        try
        {
            spec = PciSpecParser.Parse(text);
            error = null;
            return true;
        }
        catch (PciSpecException e)
        {
            spec = null;
            error = e;
            return false;
        }
    }

    /// <summary>The canonical text: domain always written, options in a fixed order; parsing it gives an equal spec.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        if (Slot is { } slot)
        {
            sb.Append(inv, $"{slot.Domain:x4}:{slot.Bus:x2}:{slot.Device:x2}.{Functions}");
            if (VirtualSlot is { } vs) sb.Append(inv, $"@{vs:x2}");
        }
        else
        {
            sb.Append("name=").Append(Options.Name);
            if (VirtualSlot is { } vs) sb.Append(inv, $",vslot={vs:x2}");
        }

        if (Options.Permissive is { } p) sb.Append(inv, $",permissive={p}");
        if (Options.MsiTranslate is { } m) sb.Append(inv, $",msitranslate={m}");
        if (Options.PowerMgmt is { } pm) sb.Append(inv, $",power_mgmt={pm}");
        if (Options.Seize is { } sz) sb.Append(inv, $",seize={sz}");
        if (Options.RdmPolicy is { } r) sb.Append(",rdm_policy=").Append(r == RdmPolicy.Strict ? "strict" : "relaxed");
        return sb.ToString();
    }
}
