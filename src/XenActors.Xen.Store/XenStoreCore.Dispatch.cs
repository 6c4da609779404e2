using System.Globalization;
using System.Text;
using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store;

/// <summary>Wire requests to operations: payload decoding, transaction lookup, privilege checks.</summary>
public sealed partial class XenStoreCore
{
    private static readonly byte[] True = XsPayload.Encode("T");
    private static readonly byte[] False = XsPayload.Encode("F");

    /// <summary>
    /// Handles one request exactly as xenstored would answer it. Watch events it causes reach the
    /// sinks before this returns; sinks queue them behind this reply.
    /// </summary>
    public XsReply Handle(XsConnection connection, XsMessage request)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var batch = Batch();
        if (!connection.IsOpen)
            return Error(request, XsdError.EINVAL);

        XsTransaction? tx = null;
        var type = request.Type;
        if (request.TxId != 0 && type is not (XsdMessageType.Watch or XsdMessageType.Unwatch)
            && !connection.Transactions.TryGetValue(request.TxId, out tx))
        {
            return Error(request, XsdError.ENOENT);
        }
        if (IsPrivilegedOnly(type) && !connection.Privileged)
            return Error(request, XsdError.EACCES);

        var payload = request.Payload.Span;
        switch (type)
        {
            case XsdMessageType.Read:
            {
                var err = ReadCore(connection, tx, XsPayload.OneArg(payload), out var value);
                return err == XsdError.None ? Reply(request, value) : Error(request, err);
            }
            case XsdMessageType.Write:
            {
                var nul = payload.IndexOf((byte)0);
                if (nul < 0)
                    return Error(request, XsdError.EINVAL);
                var path = Encoding.Latin1.GetString(payload[..nul]);
                return OkOrError(request, WriteCore(connection, tx, path, payload[(nul + 1)..].ToArray()));
            }
            case XsdMessageType.Directory:
            {
                var err = DirectoryCore(connection, tx, XsPayload.OneArg(payload), out var node);
                return err == XsdError.None ? ChildrenReply(request, node!) : Error(request, err);
            }
            case XsdMessageType.DirectoryPart:
                return DirectoryPart(connection, tx, request);
            case XsdMessageType.Mkdir:
                return OkOrError(request, MkdirCore(connection, tx, XsPayload.OneArg(payload)));
            case XsdMessageType.Rm:
                return OkOrError(request, RmCore(connection, tx, XsPayload.OneArg(payload)));
            case XsdMessageType.GetPerms:
            {
                var err = GetPermsCore(connection, tx, XsPayload.OneArg(payload), out var acl);
                return err == XsdError.None ? Reply(request, acl.ToPayload()) : Error(request, err);
            }
            case XsdMessageType.SetPerms:
                return SetPermsRequest(connection, tx, request);
            case XsdMessageType.Watch:
            case XsdMessageType.Unwatch:
            {
                var args = XsPayload.Strings(payload);
                if (args.Count < 2)
                    return Error(request, XsdError.EINVAL);
                int? depth = null;
                if (type == XsdMessageType.Watch && args.Count > 2)
                {
                    if (!int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d))
                        return Error(request, XsdError.EINVAL);
                    depth = d;
                }
                var err = type == XsdMessageType.Watch
                    ? WatchCore(connection, args[0], args[1], depth)
                    : UnwatchCore(connection, args[0], args[1]);
                return OkOrError(request, err);
            }
            case XsdMessageType.ResetWatches:
                DropWatchesAndTransactions(connection);
                return Reply(request, Ok);
            case XsdMessageType.TransactionStart:
            {
                var err = TransactionStartCore(connection, tx, out var id);
                return err == XsdError.None ? Reply(request, XsPayload.Encode(FormatId(id))) : Error(request, err);
            }
            case XsdMessageType.TransactionEnd:
                return tx is null
                    ? Error(request, XsdError.ENOENT)
                    : OkOrError(request, TransactionEndCore(connection, tx, XsPayload.OneArg(payload)));
            case XsdMessageType.GetDomainPath:
                return TryDomId(XsPayload.OneArg(payload), out var pathDom)
                    ? Reply(request, XsPayload.Encode(XsPath.DomainPath(pathDom)))
                    : Error(request, XsdError.EINVAL);
            case XsdMessageType.IsDomainIntroduced:
                if (!TryDomId(XsPayload.OneArg(payload), out var isDom))
                    return Error(request, XsdError.EINVAL);
                IsDomainIntroduced(connection, isDom, out var introduced);
                return Reply(request, introduced ? True : False);
            case XsdMessageType.Introduce:
            {
                var args = XsPayload.Strings(payload);
                if (args.Count < 3 || !TryDomId(args[0], out var domId)
                    || !long.TryParse(args[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mfn)
                    || !uint.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    return Error(request, XsdError.EINVAL);
                }
                return OkOrError(request, Introduce(connection, domId, unchecked((ulong)mfn), port));
            }
            case XsdMessageType.Release:
            case XsdMessageType.Resume:
                if (!TryDomId(XsPayload.OneArg(payload), out var relDom))
                    return Error(request, XsdError.EINVAL);
                return OkOrError(request, type == XsdMessageType.Release ? Release(connection, relDom) : Resume(connection, relDom));
            case XsdMessageType.SetTarget:
            {
                var args = XsPayload.Strings(payload);
                if (args.Count < 2 || !TryDomId(args[0], out var domId) || !TryDomId(args[1], out var target))
                    return Error(request, XsdError.EINVAL);
                return OkOrError(request, SetTarget(connection, domId, target));
            }
            case XsdMessageType.GetQuota:
            case XsdMessageType.SetQuota:
                return QuotaRequest(connection, request);
            case XsdMessageType.Control:
                return Control(connection, request);
            default:
                return Error(request, XsdError.ENOSYS);
        }
    }

    private static bool IsPrivilegedOnly(XsdMessageType type) => type is XsdMessageType.Control
        or XsdMessageType.Introduce or XsdMessageType.Release or XsdMessageType.IsDomainIntroduced
        or XsdMessageType.Resume or XsdMessageType.SetTarget or XsdMessageType.GetQuota or XsdMessageType.SetQuota;

    private static bool TryDomId(string? text, out uint domId) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out domId) && domId <= 0xFFFF;

    private static XsReply ChildrenReply(in XsMessage request, XsNode node)
    {
        var payload = XsPayload.Encode(node.Children.AsSpan());
        return payload.Length > XsWireCodec.MaxPayload ? Error(request, XsdError.E2BIG) : Reply(request, payload);
    }

    /// <summary>
    /// DIRECTORY_PART "path\0offset\0": generation, then the child list from that byte offset, as many
    /// whole names as fit; an extra empty string marks the end (send_directory_part()).
    /// </summary>
    private XsReply DirectoryPart(XsConnection c, XsTransaction? tx, in XsMessage request)
    {
        var args = XsPayload.Strings(request.Payload.Span);
        if (XsPayload.CountStrings(request.Payload.Span) != 2)
            return Error(request, XsdError.EINVAL);
        var err = DirectoryCore(c, tx, args[0], out var node);
        if (err != XsdError.None)
            return Error(request, err);

        var offset = LeadingInt(args[1]);
        var children = XsPayload.Encode(node!.Children.AsSpan());
        var gen = Encoding.ASCII.GetBytes(node.Generation.ToString(CultureInfo.InvariantCulture) + "\0");
        if (offset >= children.Length)
            return Reply(request, [.. gen, 0]);

        var max = XsWireCodec.MaxPayload - gen.Length - 1;
        var len = 0;
        while (true)
        {
            var nameLen = Array.IndexOf(children, (byte)0, offset + len) - (offset + len);
            if (len + nameLen >= max)
                break;
            len += nameLen + 1;
            if (offset + len == children.Length)
                break;
        }
        var end = offset + len == children.Length;
        var payload = new byte[gen.Length + len + (end ? 1 : 0)];
        gen.CopyTo(payload, 0);
        Array.Copy(children, offset, payload, gen.Length, len);
        return Reply(request, payload);
    }

    private static int LeadingInt(string s)
    {
        var n = 0;
        foreach (var ch in s)
        {
            if (!char.IsAsciiDigit(ch) || n > 100_000_000)
                break;
            n = n * 10 + (ch - '0');
        }
        return n;
    }

    private XsReply SetPermsRequest(XsConnection c, XsTransaction? tx, in XsMessage request)
    {
        var args = XsPayload.Strings(request.Payload.Span);
        if (args.Count < 2)
            return Error(request, XsdError.EINVAL);
        if (QuotasFor(c) is { } q && args.Count - 1 > q.PermsPerNode)
            return Error(request, XsdError.ENOSPC);
        var perms = new List<XsPerm>(args.Count - 1);
        for (var i = 1; i < args.Count; i++)
        {
            if (!XsPerm.TryParse(args[i], out var perm))
                return Error(request, XsdError.EINVAL);
            perms.Add(perm);
        }
        return OkOrError(request, SetPermsCore(c, tx, args[0], perms));
    }

    /// <summary>GET_QUOTA "[domid\0]name\0" and SET_QUOTA "[domid\0]name\0value\0"; no argument lists the names.</summary>
    private XsReply QuotaRequest(XsConnection c, in XsMessage request)
    {
        var args = XsPayload.Strings(request.Payload.Span);
        var isSet = request.Type == XsdMessageType.SetQuota;
        if (!isSet && args.Count == 0)
            return Reply(request, XsPayload.Encode(string.Join(' ', XsQuotas.Names)));
        var fixedArgs = isSet ? 2 : 1;
        if (args.Count != fixedArgs && args.Count != fixedArgs + 1)
            return Error(request, XsdError.EINVAL);
        uint? domId = null;
        if (args.Count == fixedArgs + 1)
        {
            if (!TryDomId(args[0], out var d))
                return Error(request, XsdError.EINVAL);
            domId = d;
            args.RemoveAt(0);
        }
        if (isSet)
        {
            return int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? OkOrError(request, SetQuota(c, domId, args[0], value))
                : Error(request, XsdError.EINVAL);
        }
        var err = GetQuota(c, domId, args[0], out var current);
        return err == XsdError.None
            ? Reply(request, XsPayload.Encode(current.ToString(CultureInfo.InvariantCulture)))
            : Error(request, err);
    }
}
