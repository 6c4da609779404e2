using System.Text;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

/// <summary>
/// Drives the core through its wire entry point (<see cref="XenStoreCore.Handle"/>) the way a
/// socket client would, and records the watch events delivered to it.
/// </summary>
public sealed class TestClient : IXsConnectionSink
{
    private uint _reqId;

    public TestClient(XenStoreCore core, uint domId, bool privileged)
    {
        Core = core;
        Connection = core.Connect(domId, privileged, this);
    }

    public XenStoreCore Core { get; }

    public XsConnection Connection { get; }

    public List<(string Path, string Token)> Events { get; } = [];

    public bool WasReleased { get; private set; }

    public void WatchEvent(XsConnection connection, string path, string token) => Events.Add((path, token));

    public void Released(XsConnection connection) => WasReleased = true;

    public XsReply Call(XsdMessageType type, uint tx, params string[] args) =>
        Core.Handle(Connection, new XsMessage(type, ++_reqId, tx, XsPayload.Encode(args)));

    public XsReply Raw(XsdMessageType type, uint tx, byte[] payload) =>
        Core.Handle(Connection, new XsMessage(type, ++_reqId, tx, payload));

    public XsdError Write(string path, string value, uint tx = 0) =>
        Raw(XsdMessageType.Write, tx, XsPayload.EncodeWrite(path, Encoding.UTF8.GetBytes(value))).Error;

    public XsdError Mkdir(string path, uint tx = 0) => Call(XsdMessageType.Mkdir, tx, path).Error;

    public XsdError Rm(string path, uint tx = 0) => Call(XsdMessageType.Rm, tx, path).Error;

    public XsdError SetPerms(string path, params string[] perms) =>
        Call(XsdMessageType.SetPerms, 0, [path, .. perms]).Error;

    public XsdError Watch(string path, string token) => Call(XsdMessageType.Watch, 0, path, token).Error;

    /// <summary>The value, or the errno name when the read failed.</summary>
    public string Read(string path, uint tx = 0)
    {
        var reply = Call(XsdMessageType.Read, tx, path);
        return reply.IsError ? reply.Error.ToString() : Encoding.UTF8.GetString(reply.Payload);
    }

    public XsdError ReadError(string path, uint tx = 0) => Call(XsdMessageType.Read, tx, path).Error;

    public List<string> Directory(string path, uint tx = 0)
    {
        var reply = Call(XsdMessageType.Directory, tx, path);
        Assert.False(reply.IsError, $"DIRECTORY {path}: {reply.Error}");
        return XsPayload.Strings(reply.Payload);
    }

    public string Perms(string path)
    {
        var reply = Call(XsdMessageType.GetPerms, 0, path);
        return reply.IsError ? reply.Error.ToString() : string.Join(",", XsPayload.Strings(reply.Payload));
    }

    public uint Start()
    {
        var reply = Call(XsdMessageType.TransactionStart, 0, "");
        Assert.False(reply.IsError, $"TRANSACTION_START: {reply.Error}");
        return uint.Parse(XsPayload.Strings(reply.Payload)[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    public XsdError End(uint tx, bool commit = true) => Call(XsdMessageType.TransactionEnd, tx, commit ? "T" : "F").Error;
}
