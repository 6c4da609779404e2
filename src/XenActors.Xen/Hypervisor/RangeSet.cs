namespace XenActors.Xen.Hypervisor;

/// <summary>A set of inclusive [first, last] integer ranges, kept merged (Xen's rangeset for iomem/ioport/irq caps).</summary>
internal sealed class RangeSet
{
    private readonly List<(long First, long Last)> ranges = [];

    public IReadOnlyList<(long First, long Last)> Ranges => ranges;

    public bool IsEmpty => ranges.Count == 0;

    public void Add(long first, long last)
    {
        var merged = (First: first, Last: last);
        var kept = new List<(long First, long Last)>(ranges.Count + 1);
        foreach (var range in ranges)
        {
            if (range.Last + 1 < merged.First || range.First > merged.Last + 1)
            {
                kept.Add(range);
            }
            else
            {
                merged = (Math.Min(range.First, merged.First), Math.Max(range.Last, merged.Last));
            }
        }

        kept.Add(merged);
        kept.Sort((a, b) => a.First.CompareTo(b.First));
        ranges.Clear();
        ranges.AddRange(kept);
    }

    public void Remove(long first, long last)
    {
        var kept = new List<(long First, long Last)>(ranges.Count + 1);
        foreach (var range in ranges)
        {
            if (range.Last < first || range.First > last)
            {
                kept.Add(range);
                continue;
            }

            if (range.First < first)
            {
                kept.Add((range.First, first - 1));
            }

            if (range.Last > last)
            {
                kept.Add((last + 1, range.Last));
            }
        }

        ranges.Clear();
        ranges.AddRange(kept);
    }

    /// <summary>True when every value of [first, last] is in the set.</summary>
    public bool ContainsAll(long first, long last) => ranges.Any(r => r.First <= first && r.Last >= last);

    public bool Contains(long value) => ContainsAll(value, value);

    public void Clear() => ranges.Clear();
}
