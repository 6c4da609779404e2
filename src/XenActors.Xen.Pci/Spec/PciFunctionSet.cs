using System.Globalization;
using System.Numerics;
using System.Text;

namespace XenActors.Xen.Pci.Spec;

/// <summary>
/// The functions a spec names: <c>*</c> (every function present, xend and libxl) or an explicit set
/// (xend's <c>0,3-5</c>). Kept as a bit mask so equal sets compare equal whatever order they were written in.
/// </summary>
public readonly record struct PciFunctionSet
{
    private PciFunctionSet(byte mask, bool isAll)
    {
        Mask = mask;
        IsAll = isAll;
    }

    public static PciFunctionSet All { get; } = new(0, true);

    public byte Mask { get; }

    public bool IsAll { get; }

    public bool IsEmpty => !IsAll && Mask == 0;

    public bool IsSingle => !IsAll && BitOperations.PopCount(Mask) == 1;

    /// <summary>The explicit functions, ascending (empty for <c>*</c>).</summary>
    public IReadOnlyList<int> Functions
    {
        get
        {
            var list = new List<int>();
            for (var f = 0; f < PciLimits.FunctionsPerDevice; f++)
            {
                if ((Mask & (1 << f)) != 0) list.Add(f);
            }

            return list;
        }
    }

    public static PciFunctionSet Single(int function) => Of(function);

    public static PciFunctionSet Of(params int[] functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        byte mask = 0;
        foreach (var f in functions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(f);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(f, PciLimits.MaxFunction);
            mask |= (byte)(1 << f);
        }

        return new PciFunctionSet(mask, false);
    }

    public static PciFunctionSet FromMask(byte mask) => new(mask, false);

    public bool Contains(int function) => IsAll || (Mask & (1 << function)) != 0;

    /// <summary><c>*</c>, or the functions with runs written as ranges: <c>0,3-5</c>.</summary>
    public override string ToString()
    {
        if (IsAll) return "*";
        var sb = new StringBuilder();
        var fs = Functions;
        for (var i = 0; i < fs.Count; i++)
        {
            var start = fs[i];
            var end = start;
            while (i + 1 < fs.Count && fs[i + 1] == end + 1) end = fs[++i];
            if (sb.Length > 0) sb.Append(',');
            sb.Append(start.ToString("x", CultureInfo.InvariantCulture));
            if (end != start) sb.Append('-').Append(end.ToString("x", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
