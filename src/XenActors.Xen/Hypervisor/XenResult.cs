using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>Outcome of an operation that returns nothing but success or a <see cref="XenError"/>.</summary>
public readonly struct XenResult
{
    private readonly XenError? error;

    private XenResult(XenError? error) => this.error = error;

    public static XenResult Ok => default;

    public bool IsSuccess => error is null;

    public XenError Error => error ?? throw new InvalidOperationException("The operation succeeded; there is no error.");

    public Errno Errno => error?.Errno ?? Errno.None;

    /// <summary>0 on success, else <c>-errno</c>, as the hypercall returns it.</summary>
    public int ReturnCode => -(int)Errno;

    public static implicit operator XenResult(XenError error) => new(error);

    public static XenResult FromXenError(XenError error) => new(error);

    /// <summary>Throws on failure; for tests and callers that treat failure as a bug.</summary>
    public void ThrowIfFailed()
    {
        if (error is not null)
        {
            throw new InvalidOperationException(error.ToString());
        }
    }

    public override string ToString() => error is null ? "OK" : error.ToString();
}
