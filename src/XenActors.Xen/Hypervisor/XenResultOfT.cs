using XenActors.Xen.Protocol;

namespace XenActors.Xen.Hypervisor;

/// <summary>Outcome of an operation that yields a <typeparamref name="T"/> or a <see cref="XenError"/>.</summary>
public readonly struct XenResult<T>
{
    private readonly T value;
    private readonly XenError? error;

    private XenResult(T value, XenError? error)
    {
        this.value = value;
        this.error = error;
    }

    public bool IsSuccess => error is null;

    public T Value => error is null ? value : throw new InvalidOperationException(error.ToString());

    public XenError Error => error ?? throw new InvalidOperationException("The operation succeeded; there is no error.");

    public Errno Errno => error?.Errno ?? Errno.None;

    public int ReturnCode => -(int)Errno;

    public static implicit operator XenResult<T>(T value) => new(value, null);

    public static implicit operator XenResult<T>(XenError error) => new(default!, error);

    public static XenResult<T> FromValue(T value) => new(value, null);

    public static XenResult<T> FromXenError(XenError error) => new(default!, error);

    public bool TryGetValue(out T result)
    {
        result = value;
        return error is null;
    }

    /// <summary>Returns the value or throws; for tests and callers that treat failure as a bug.</summary>
    public T ThrowIfFailed() => Value;

    /// <summary>Drops the value, keeping success or the error.</summary>
    public XenResult WithoutValue() => error is null ? XenResult.Ok : error;

    public override string ToString() => error is null ? $"OK {value}" : error.ToString();
}
