using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// Why a hypervisor operation failed: the errno a real hypercall would return, a message
/// that says what was wrong, and for grant-table operations the GNTST status as well.
/// </summary>
public sealed record XenError(Errno Errno, string Message)
{
    /// <summary>The GNTST_* status of a failed grant-table operation; null for other operations.</summary>
    public GrantStatus? GrantStatus { get; init; }

    /// <summary>The hypercall return value, <c>-errno</c>.</summary>
    public int ReturnCode => -(int)Errno;

    public override string ToString() => $"{Errno} ({ReturnCode}): {Message}";
}
