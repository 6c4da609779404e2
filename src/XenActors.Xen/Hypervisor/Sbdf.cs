using System.Globalization;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// A PCI function address (segment, bus, device, function) as the hypervisor sees it.
/// Kept local so the hypervisor model does not depend on the PCI project; the lead
/// reconciles it with the Pci project's address type.
/// </summary>
public readonly record struct Sbdf(ushort Segment, byte Bus, byte Device, byte Function) : IComparable<Sbdf>
{
    public const int MaxDevice = 0x1F;
    public const int MaxFunction = 7;

    /// <summary>devfn as PCI packs it: device in bits 7..3, function in 2..0.</summary>
    public byte Devfn => (byte)((Device << 3) | (Function & 7));

    /// <summary>Whether device and function are within their 5- and 3-bit fields.</summary>
    public bool IsValid => Device <= MaxDevice && Function <= MaxFunction;

    public static Sbdf FromDevfn(ushort segment, byte bus, byte devfn) => new(segment, bus, (byte)(devfn >> 3), (byte)(devfn & 7));

    /// <summary>Orders by segment, bus, devfn: the order lspci and the tools list functions in.</summary>
    public int CompareTo(Sbdf other) => Key.CompareTo(other.Key);

    public static bool operator <(Sbdf left, Sbdf right) => left.CompareTo(right) < 0;

    public static bool operator >(Sbdf left, Sbdf right) => left.CompareTo(right) > 0;

    public static bool operator <=(Sbdf left, Sbdf right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Sbdf left, Sbdf right) => left.CompareTo(right) >= 0;

    private uint Key => ((uint)Segment << 16) | ((uint)Bus << 8) | Devfn;

    /// <summary>The canonical <c>%04x:%02x:%02x.%x</c> form used in xenstore and in messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Segment:x4}:{Bus:x2}:{Device:x2}.{Function:x}");

    /// <summary>Parses <c>DDDD:BB:DD.F</c> or <c>BB:DD.F</c> (hex), refusing out-of-range fields.</summary>
    public static bool TryParse(string? text, out Sbdf sbdf)
    {
        sbdf = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split(':');
        if (parts.Length is < 2 or > 3)
        {
            return false;
        }

        var segmentText = parts.Length == 3 ? parts[0] : "0";
        var busText = parts[^2];
        var devFn = parts[^1].Split('.');
        if (devFn.Length != 2
            || !TryHex(segmentText, 0xFFFF, out var segment)
            || !TryHex(busText, 0xFF, out var bus)
            || !TryHex(devFn[0], MaxDevice, out var device)
            || !TryHex(devFn[1], MaxFunction, out var function))
        {
            return false;
        }

        sbdf = new Sbdf((ushort)segment, (byte)bus, (byte)device, (byte)function);
        return true;
    }

    public static Sbdf Parse(string text) =>
        TryParse(text, out var sbdf) ? sbdf : throw new FormatException($"malformed BDF '{text}'");

    private static bool TryHex(string text, int max, out int value) =>
        int.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
        && text.Length > 0 && value >= 0 && value <= max;
}
