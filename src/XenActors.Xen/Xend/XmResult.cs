using XenActors.Xen.Hvm;

namespace XenActors.Xen.Xend;

/// <summary>What xm prints: success with output lines, or the error message (nothing was changed).</summary>
public sealed record XmResult(bool Success, string Message, IReadOnlyList<string> Lines, int Domid = -1)
{
    /// <summary>For an HVM pci-attach/-detach: every hop from xm through xend, ioemu, the hypervisor and the guest back to xm.</summary>
    public HotplugTrail? Trail { get; init; }

    public static XmResult Ok(string message = "", IReadOnlyList<string>? lines = null, int domid = -1) => new(true, message, lines ?? [], domid);

    public static XmResult Error(string message) => new(false, message, []);

    public override string ToString() => Success ? $"OK {Message}" : $"Error: {Message}";
}
