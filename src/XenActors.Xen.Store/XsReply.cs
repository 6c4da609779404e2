using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store;

/// <summary>The core's answer to one request; req_id and tx_id echo the request.</summary>
public readonly record struct XsReply(XsdMessageType Type, uint ReqId, uint TxId, byte[] Payload)
{
    public bool IsError => Type == XsdMessageType.Error;

    public XsdError Error => IsError ? XsdErrors.Parse(Payload) : XsdError.None;

    public XsMessage ToMessage() => new(Type, ReqId, TxId, Payload);
}
