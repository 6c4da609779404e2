using System.Globalization;

namespace XenActors.Xen.Pci;

/// <summary>
/// A PCI function address (segment/domain, bus, device, function), formatted the way Xen writes
/// <c>dev-N</c> in xenstore: <c>%04x:%02x:%02x.%x</c>.
/// </summary>
public readonly record struct PciAddress : IComparable<PciAddress>
{
    public PciAddress(int domain, int bus, int device, int function)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(domain);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(domain, PciLimits.MaxDomain);
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bus, PciLimits.MaxBus);
        ArgumentOutOfRangeException.ThrowIfNegative(device);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(device, PciLimits.MaxDevice);
        ArgumentOutOfRangeException.ThrowIfNegative(function);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(function, PciLimits.MaxFunction);
        Domain = domain;
        Bus = bus;
        Device = device;
        Function = function;
    }

    public int Domain { get; }
    public int Bus { get; }
    public int Device { get; }
    public int Function { get; }

    /// <summary>devfn as the hardware and pciif.h encode it: device &lt;&lt; 3 | function.</summary>
    public int Devfn => (Device << 3) | Function;

    public PciSlotAddress Slot => new(Domain, Bus, Device);

    public PciAddress WithFunction(int function) => new(Domain, Bus, Device, function);

    public int CompareTo(PciAddress other)
    {
        var c = Domain.CompareTo(other.Domain);
        if (c != 0) return c;
        c = Bus.CompareTo(other.Bus);
        if (c != 0) return c;
        c = Device.CompareTo(other.Device);
        return c != 0 ? c : Function.CompareTo(other.Function);
    }

    public static bool operator <(PciAddress left, PciAddress right) => left.CompareTo(right) < 0;
    public static bool operator >(PciAddress left, PciAddress right) => left.CompareTo(right) > 0;
    public static bool operator <=(PciAddress left, PciAddress right) => left.CompareTo(right) <= 0;
    public static bool operator >=(PciAddress left, PciAddress right) => left.CompareTo(right) >= 0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Domain:x4}:{Bus:x2}:{Device:x2}.{Function:x}");

    /// <summary>The lspci form: the domain is left out when it is zero and not asked for.</summary>
    public string ToShortString(bool withDomain = false) => withDomain || Domain != 0
        ? ToString()
        : string.Create(CultureInfo.InvariantCulture, $"{Bus:x2}:{Device:x2}.{Function:x}");

    /// <summary>Parses <c>[DDDD:]BB:DD.F</c> (hex, function 0-7).</summary>
    public static PciAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address)
            ? address
            : throw new FormatException($"malformed BDF '{text}': expected [DDDD:]BB:DD.F with hex numbers, device 00-1f and function 0-7");
    }

    public static bool TryParse(string? text, out PciAddress address)
    {
        address = default;
        if (string.IsNullOrEmpty(text)) return false;
        var dot = text.LastIndexOf('.');
        if (dot < 0 || dot == text.Length - 1) return false;
        var parts = text[..dot].Split(':');
        if (parts.Length is < 2 or > 3) return false;
        var domain = 0;
        var i = 0;
        if (parts.Length == 3 && !TryHex(parts[i++], PciLimits.MaxDomain, out domain)) return false;
        if (!TryHex(parts[i++], PciLimits.MaxBus, out var bus)) return false;
        if (!TryHex(parts[i], PciLimits.MaxDevice, out var device)) return false;
        if (!TryHex(text[(dot + 1)..], PciLimits.MaxFunction, out var function)) return false;
        address = new PciAddress(domain, bus, device, function);
        return true;
    }

    internal static bool TryHex(string s, int max, out int value)
    {
        value = 0;
        if (s.Length is 0 or > 8) return false;
        foreach (var ch in s)
        {
            if (!Uri.IsHexDigit(ch)) return false;
        }

        var v = long.Parse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (v > max) return false;
        value = (int)v;
        return true;
    }
}
