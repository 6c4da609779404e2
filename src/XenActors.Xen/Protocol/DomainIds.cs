using System.Globalization;

namespace XenActors.Xen.Protocol;

/// <summary>
/// Domain id constants from <c>xen/include/public/xen.h</c>. Ids at or above
/// <see cref="FirstReserved"/> name pseudo-domains, never a real guest.
/// </summary>
public static class DomainIds
{
    /// <summary>The initial, privileged control domain.</summary>
    public const ushort Dom0 = 0;

    public const ushort FirstReserved = 0x7FF0;

    /// <summary>DOMID_SELF: "the calling domain" in hypercall arguments.</summary>
    public const ushort Self = 0x7FF0;

    /// <summary>DOMID_IO: owner of I/O pages and, with quarantine, of assignable PCI functions.</summary>
    public const ushort Io = 0x7FF1;

    public const ushort Xen = 0x7FF2;
    public const ushort Cow = 0x7FF3;
    public const ushort Invalid = 0x7FF4;
    public const ushort Idle = 0x7FFF;

    /// <summary>The highest id a real domain can have.</summary>
    public const ushort MaxGuest = FirstReserved - 1;

    public static bool IsReserved(int domid) => domid >= FirstReserved;

    /// <summary>True for ids a real domain may carry (0..0x7FEF).</summary>
    public static bool IsGuest(int domid) => domid is >= 0 and < FirstReserved;

    /// <summary>Formats an id as the tools print it, naming the pseudo-domains.</summary>
    public static string Describe(int domid) => domid switch
    {
        Self => "DOMID_SELF",
        Io => "DOMID_IO",
        Xen => "DOMID_XEN",
        Cow => "DOMID_COW",
        Invalid => "DOMID_INVALID",
        Idle => "DOMID_IDLE",
        _ => domid.ToString(CultureInfo.InvariantCulture),
    };
}
