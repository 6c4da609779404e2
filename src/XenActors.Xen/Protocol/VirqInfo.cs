namespace XenActors.Xen.Protocol;

/// <summary>Facts about VIRQs that the binding rules depend on (<c>virq_is_global</c>).</summary>
public static class VirqInfo
{
    /// <summary>NR_VIRQS.</summary>
    public const int Count = 24;

    /// <summary>
    /// Per-vCPU VIRQs are TIMER, DEBUG and XENOPROF (the arch ones are per-vCPU on x86);
    /// every other VIRQ is global: bound on vCPU 0 only, and owned by one handler domain.
    /// </summary>
    public static bool IsGlobal(int virq) => virq switch
    {
        (int)Virq.Timer or (int)Virq.Debug or (int)Virq.Xenoprof => false,
        >= (int)Virq.Arch0 and <= (int)Virq.Arch7 => false,
        _ => true,
    };

    public static bool IsValid(int virq) => virq is >= 0 and < Count;
}
