using System.Globalization;
using System.Text;

namespace XenActors.Xen.Pci.Lspci;

/// <summary>
/// Reads and writes the text of <c>lspci -x/-xxx/-xxxx</c>, which is also what <c>lspci -F FILE</c>
/// reads back (pciutils lib/dump.c). Per device: a header line <c>[DDDD:]BB:DD.F description</c>,
/// lines <c>"%02x:"</c> (<c>"%03x:"</c> past 0xff) followed by 16 <c>" %02x"</c> bytes, then an empty line.
/// Writing what was read gives the same bytes back.
/// </summary>
public static class LspciDumpCodec
{
    private const int BytesPerLine = 16;

    public static IReadOnlyList<LspciDumpEntry> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<LspciDumpEntry>();
        var lines = text.Split('\n');
        PciAddress? address = null;
        var domainShown = false;
        var description = "";
        var bytes = new List<byte>();
        var headerLine = 0;

        void Flush()
        {
            if (address is not { } a) return;
            if (bytes.Count is not (64 or PciLimits.ConventionalConfigSize or PciLimits.ExtendedConfigSize))
            {
                throw new LspciFormatException(headerLine, $"device {a.ToShortString(domainShown)} has {bytes.Count} bytes; lspci dumps 64, 256 or 4096");
            }

            entries.Add(new LspciDumpEntry(a, domainShown, description, bytes.ToArray()));
            address = null;
            bytes.Clear();
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var n = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (i == lines.Length - 1 && line.Length == 0) break; // text after the final newline
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (TryHeader(line, out var a, out var shown, out var desc))
            {
                Flush();
                address = a;
                domainShown = shown;
                description = desc;
                headerLine = n;
                continue;
            }

            if (address is null) throw new LspciFormatException(n, $"expected a device header like \"00:1d.0 USB controller: ...\", got \"{Clip(line)}\"");
            ReadHexLine(line, n, bytes);
        }

        Flush();
        return entries;
    }

    /// <summary>The dump text of <paramref name="entries"/>, exactly as lspci prints it.</summary>
    public static string Write(IEnumerable<LspciDumpEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var sb = new StringBuilder();
        foreach (var e in entries)
        {
            sb.Append(e.Address.ToShortString(e.DomainShown)).Append(' ').Append(e.Description).Append('\n');
            for (var i = 0; i < e.Length; i++)
            {
                if (i % BytesPerLine == 0) sb.Append(i.ToString(i < 0x100 ? "x2" : "x3", CultureInfo.InvariantCulture)).Append(':');
                sb.Append(' ').Append(e.Config[i].ToString("x2", CultureInfo.InvariantCulture));
                if (i % BytesPerLine == BytesPerLine - 1) sb.Append('\n');
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>A function's configuration space as an lspci dump entry (domain shown when non-zero).</summary>
    public static LspciDumpEntry ToEntry(PciFunction function, int length = PciLimits.ExtendedConfigSize, bool? showDomain = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return new LspciDumpEntry(function.Address, showDomain ?? function.Address.Domain != 0, PciNames.Describe(function), function.CopyConfigSpace(length));
    }

    /// <summary>Writes functions like <c>lspci -xxxx</c>: domains shown on every line if any is non-zero, as lspci does.</summary>
    public static string Write(IEnumerable<PciFunction> functions, int length = PciLimits.ExtendedConfigSize)
    {
        ArgumentNullException.ThrowIfNull(functions);
        var list = functions.OrderBy(f => f.Address).ToList();
        var showDomain = list.Any(f => f.Address.Domain != 0);
        return Write(list.Select(f => ToEntry(f, Math.Min(length, f.KnownLength), showDomain)));
    }

    public static PciInventory ReadInventory(string text) => new(Parse(text).Select(e => e.ToFunction()));

    private static bool TryHeader(string line, out PciAddress address, out bool domainShown, out string description)
    {
        address = default;
        description = "";
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var token = space < 0 ? line : line[..space];
        domainShown = token.Count(c => c == ':') == 2;
        // pciutils' shapes: "##:##.# " or "####:##:##.# " (hex digits, a one-digit function).
        var shapeOk = token.Length == (domainShown ? 12 : 7) && token[^2] == '.';
        if (!shapeOk || space < 0 || !PciAddress.TryParse(token, out address)) return false;
        description = line[(space + 1)..];
        return true;
    }

    private static void ReadHexLine(string line, int n, List<byte> bytes)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 2 or > 3 || !int.TryParse(line.AsSpan(0, colon), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var offset))
        {
            throw new LspciFormatException(n, $"expected a hex line like \"00: 86 80 ...\", got \"{Clip(line)}\"");
        }

        if (offset != bytes.Count) throw new LspciFormatException(n, $"offset {offset:x2} out of sequence; expected {bytes.Count:x2}");
        var rest = line.AsSpan(colon + 1);
        if (rest.Length != BytesPerLine * 3) throw new LspciFormatException(n, $"expected 16 bytes written \" xx\" after \"{line[..(colon + 1)]}\"");
        for (var k = 0; k < BytesPerLine; k++)
        {
            var cell = rest.Slice(k * 3, 3);
            if (cell[0] != ' ' || !byte.TryParse(cell[1..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                throw new LspciFormatException(n, $"byte {k} at offset {offset + k:x} is not two hex digits");
            }

            bytes.Add(b);
        }

        if (bytes.Count > PciLimits.ExtendedConfigSize) throw new LspciFormatException(n, "more than 4096 bytes of configuration space");
    }

    private static string Clip(string line) => line.Length <= 40 ? line : line[..40] + "...";
}
