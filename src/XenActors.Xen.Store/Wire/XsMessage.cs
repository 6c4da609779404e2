namespace XenActors.Xen.Store.Wire;

/// <summary>
/// One xenstore message: the 16-byte header fields plus the payload (NUL-terminated strings,
/// except WRITE whose value and READ replies whose data are raw bytes).
/// </summary>
public readonly record struct XsMessage(XsdMessageType Type, uint ReqId, uint TxId, ReadOnlyMemory<byte> Payload)
{
    public bool IsError => Type == XsdMessageType.Error;
}
