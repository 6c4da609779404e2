using System.Globalization;

namespace XenActors.Xen.Pci;

/// <summary>A physical slot (device) address: the unit that groups the functions of one device.</summary>
public readonly record struct PciSlotAddress : IComparable<PciSlotAddress>
{
    public PciSlotAddress(int domain, int bus, int device)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(domain);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(domain, PciLimits.MaxDomain);
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bus, PciLimits.MaxBus);
        ArgumentOutOfRangeException.ThrowIfNegative(device);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(device, PciLimits.MaxDevice);
        Domain = domain;
        Bus = bus;
        Device = device;
    }

    public int Domain { get; }
    public int Bus { get; }
    public int Device { get; }

    public PciAddress Function(int function) => new(Domain, Bus, Device, function);

    public int CompareTo(PciSlotAddress other) => Function(0).CompareTo(other.Function(0));

    public static bool operator <(PciSlotAddress left, PciSlotAddress right) => left.CompareTo(right) < 0;
    public static bool operator >(PciSlotAddress left, PciSlotAddress right) => left.CompareTo(right) > 0;
    public static bool operator <=(PciSlotAddress left, PciSlotAddress right) => left.CompareTo(right) <= 0;
    public static bool operator >=(PciSlotAddress left, PciSlotAddress right) => left.CompareTo(right) >= 0;

    /// <summary><c>DDDD:BB:DD</c>, the xend per-device key of a multi-function group.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Domain:x4}:{Bus:x2}:{Device:x2}");

    /// <summary>Parses <c>[DDDD:]BB:DD</c>.</summary>
    public static PciSlotAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (PciAddress.TryParse(text + ".0", out var a)) return a.Slot;
        throw new FormatException($"malformed slot '{text}': expected [DDDD:]BB:DD with hex numbers and device 00-1f");
    }
}
