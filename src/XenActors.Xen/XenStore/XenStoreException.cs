using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.XenStore;

/// <summary>A store operation a caller could not do without failed; the message names the operation and the errno.</summary>
public sealed class XenStoreException : Exception
{
    public XenStoreException(string operation, XsdError error)
        : base($"xenstore {operation} failed: {XsdErrors.Name(error)}") => Error = error;

    public XenStoreException()
    {
    }

    public XenStoreException(string message)
        : base(message)
    {
    }

    public XenStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public XsdError Error { get; }
}
