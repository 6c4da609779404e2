using System.Globalization;

namespace XenActors.Xen.Pci.Spec;

/// <summary>
/// Parser for PCI_SPEC_STRING. Rules (xl-pci-configuration(5), libxlu_pci.c, xend's pci.py):
/// <list type="bullet">
/// <item>The colons in the leading run of hex digits and colons decide the form: one is <c>BB:DD.</c>, two is <c>DDDD:BB:DD.</c>.</item>
/// <item>Limits: domain ≤ ffff, bus ≤ ff, device ≤ 1f, function <c>*</c> or ≤ 7, vslot ≤ 1f.</item>
/// <item>xend lists: after a function, <c>,</c> followed by a bare function or range (<c>3-5</c>) continues the list;
/// a token containing anything else starts the options.</item>
/// <item>After the functions only <c>@</c>, <c>,</c> or the end may follow; after <c>@VSLOT</c> only <c>,</c> or the end.</item>
/// <item>Options are <c>key=value</c>; unknown keys are refused ("Unknown PCI_SPEC_STRING option"); a repeated key keeps the last value (libxl overwrites too).</item>
/// <item>Exactly one of a BDF (positional or <c>bdf=</c>) and <c>name=</c>.</item>
/// </list>
/// Numeric flags must be decimal integers: libxl's atoi would silently read "yes" as 0, we say so instead.
/// </summary>
public static class PciSpecParser
{
    public const int MaxNameLength = 64;

    public static PciSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Cursor(text).ParseSpec();
    }

    private static bool IsFunctionToken(string token)
    {
        if (token == "*") return true;
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        var first = dash < 0 ? token : token[..dash];
        var second = dash < 0 ? "0" : token[(dash + 1)..];
        return IsHex(first) && IsHex(second);
    }

    private static bool IsHex(string s) => s.Length > 0 && s.All(Uri.IsHexDigit);

    private sealed class Cursor(string s)
    {
        private int pos;
        private PciSlotAddress? slot;
        private PciFunctionSet functions;
        private int? vslot;
        private int? nameColumn;
        private PciSpecOptions options = PciSpecOptions.None;

        public PciSpec ParseSpec()
        {
            if (s.Length == 0) throw Fail(0, "empty PCI_SPEC_STRING; expected [DDDD:]BB:DD.F[@VSLOT][,key=value]* or name=NAME");
            var firstComma = s.IndexOf(',', StringComparison.Ordinal);
            var firstToken = firstComma < 0 ? s : s[..firstComma];
            if (!firstToken.Contains('=', StringComparison.Ordinal))
            {
                ParseBdf();
                if (pos < s.Length && s[pos] == '@')
                {
                    pos++;
                    vslot = ParseVslot(',');
                }
                else if (pos < s.Length && s[pos] != ',')
                {
                    throw Fail(pos, "expected '@', ',' or the end after the function");
                }

                if (pos < s.Length) pos++; // the ',' before the options
                else return Finish();
            }

            ParseOptions();
            return Finish();
        }

        private PciSpec Finish()
        {
            if (slot is null && options.Name is null) throw Fail(0, "a BDF or name= is required");
            if (slot is not null && options.Name is not null) throw Fail(nameColumn ?? 0, "give either a BDF or name=, not both");
            return new PciSpec { Slot = slot, Functions = functions, VirtualSlot = vslot, Options = options };
        }

        private void ParseBdf()
        {
            var runEnd = pos;
            var colons = new List<int>();
            while (runEnd < s.Length && (Uri.IsHexDigit(s[runEnd]) || s[runEnd] == ':'))
            {
                if (s[runEnd] == ':') colons.Add(runEnd);
                runEnd++;
            }

            if (colons.Count == 0) throw Fail(runEnd, "expected [DDDD:]BB:DD.F (hex numbers separated by ':' and '.')");
            if (colons.Count > 2) throw Fail(colons[2], "too many ':' in the BDF; expected [DDDD:]BB:DD.F");
            var domain = 0;
            if (colons.Count == 2) domain = Hex(pos, colons[0], PciLimits.MaxDomain, "domain", "0000-ffff");
            var busStart = colons.Count == 2 ? colons[0] + 1 : pos;
            var bus = Hex(busStart, colons[^1], PciLimits.MaxBus, "bus", "00-ff");
            var device = Hex(colons[^1] + 1, runEnd, PciLimits.MaxDevice, "device", "00-1f");
            if (runEnd >= s.Length || s[runEnd] != '.') throw Fail(runEnd, "expected '.' and a function after the device number");
            slot = new PciSlotAddress(domain, bus, device);
            pos = runEnd + 1;
            functions = ParseFunctions();
        }

        private PciFunctionSet ParseFunctions()
        {
            if (pos < s.Length && s[pos] == '*')
            {
                pos++;
                if (NextIsFunctionItem()) throw Fail(pos + 1, "'*' cannot be combined with other functions");
                return PciFunctionSet.All;
            }

            byte mask = 0;
            while (true)
            {
                var itemStart = pos;
                var first = Function();
                var last = first;
                if (pos < s.Length && s[pos] == '-')
                {
                    pos++;
                    var secondStart = pos;
                    last = Function();
                    if (last < first) throw Fail(secondStart, $"function range {first}-{last} must ascend");
                }

                for (var f = first; f <= last; f++)
                {
                    if ((mask & (1 << f)) != 0) throw Fail(itemStart, $"function {f} is given twice");
                    mask |= (byte)(1 << f);
                }

                if (!NextIsFunctionItem()) return PciFunctionSet.FromMask(mask);
                if (s[pos + 1] == '*') throw Fail(pos + 1, "'*' cannot be combined with other functions");
                pos++;
            }
        }

        /// <summary>Is the text after a ',' at pos another xend list item rather than an option?</summary>
        private bool NextIsFunctionItem()
        {
            if (pos >= s.Length || s[pos] != ',') return false;
            var end = pos + 1;
            while (end < s.Length && s[end] != ',' && s[end] != '@') end++;
            return IsFunctionToken(s[(pos + 1)..end]);
        }

        private int Function()
        {
            var start = pos;
            while (pos < s.Length && Uri.IsHexDigit(s[pos])) pos++;
            if (pos == start || !int.TryParse(s.AsSpan(start, pos - start), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var f) || f > PciLimits.MaxFunction)
            {
                throw Fail(start, "function must be 0-7 or '*'");
            }

            return f;
        }

        private int ParseVslot(char terminator)
        {
            var start = pos;
            while (pos < s.Length && s[pos] != terminator) pos++;
            if (pos == start) throw Fail(start, "expected a virtual slot (hex 00-1f)");
            for (var i = start; i < pos; i++)
            {
                if (!Uri.IsHexDigit(s[i])) throw Fail(i, terminator == ',' && s[i] != '@' ? "expected ',' or the end after the virtual slot" : "virtual slot must be hex 00-1f");
            }

            return Hex(start, pos, PciLimits.MaxVirtualSlot, "virtual slot", "00-1f");
        }

        private void ParseOptions()
        {
            while (true)
            {
                var start = pos;
                var eq = -1;
                while (pos < s.Length && s[pos] != ',')
                {
                    if (s[pos] == '=' && eq < 0) eq = pos;
                    pos++;
                }

                if (pos == start) throw Fail(start, "empty option; expected key=value");
                if (eq < 0) throw Fail(start, $"option '{s[start..pos]}' needs '=value'");
                var key = s[start..eq];
                var valueStart = eq + 1;
                switch (key)
                {
                    case "bdf":
                        pos = valueStart;
                        ParseBdf();
                        if (pos < s.Length && s[pos] != ',') throw Fail(pos, "expected ',' or the end after bdf=");
                        break;
                    case "vslot":
                        pos = valueStart;
                        vslot = ParseVslot(',');
                        break;
                    case "permissive":
                        options = options with { Permissive = Flag(key, valueStart) };
                        break;
                    case "msitranslate":
                        options = options with { MsiTranslate = Flag(key, valueStart) };
                        break;
                    case "power_mgmt":
                        options = options with { PowerMgmt = Flag(key, valueStart) };
                        break;
                    case "seize":
                        options = options with { Seize = Flag(key, valueStart) };
                        break;
                    case "rdm_policy":
                        options = options with { RdmPolicy = Rdm(valueStart) };
                        break;
                    case "name":
                        options = options with { Name = Name(valueStart) };
                        nameColumn = start;
                        break;
                    default:
                        throw Fail(start, $"Unknown PCI_SPEC_STRING option: {key}");
                }

                if (pos >= s.Length) return;
                pos++; // ','
            }
        }

        private int Flag(string key, int valueStart)
        {
            var value = s[valueStart..pos];
            if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v))
            {
                throw Fail(valueStart, $"{key} must be a decimal integer (0 or 1), not '{value}'");
            }

            return v;
        }

        private RdmPolicy Rdm(int valueStart)
        {
            var value = s[valueStart..pos];
            if (value.Equals("strict", StringComparison.OrdinalIgnoreCase)) return RdmPolicy.Strict;
            if (value.Equals("relaxed", StringComparison.OrdinalIgnoreCase)) return RdmPolicy.Relaxed;
            throw Fail(valueStart, $"rdm_policy must be 'strict' or 'relaxed', not '{value}'");
        }

        private string Name(int valueStart)
        {
            var value = s[valueStart..pos];
            if (value.Length == 0) throw Fail(valueStart, "name= needs a name");
            if (value.Length > MaxNameLength) throw Fail(valueStart + MaxNameLength, $"Name too long (at most {MaxNameLength} characters)");
            for (var i = 0; i < value.Length; i++)
            {
                if (value[i] is < ' ' or > '~') throw Fail(valueStart + i, "Names may only include printable characters");
            }

            return value;
        }

        private int Hex(int start, int end, int max, string what, string range)
        {
            if (end <= start) throw Fail(start, $"expected hex digits for the {what}");
            var token = s.AsSpan(start, end - start);
            if (token.Length > 8 || !long.TryParse(token, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) || v > max)
            {
                throw Fail(start, $"{what} must be {range}");
            }

            return (int)v;
        }

        private PciSpecException Fail(int index, string reason) => new(s, index + 1, reason);
    }
}
