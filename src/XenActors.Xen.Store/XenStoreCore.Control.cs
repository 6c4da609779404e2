using System.Globalization;
using System.Text;
using XenActors.Xen.Store.Model;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store;

/// <summary>CONTROL subcommands (implementation specific, as in xenstored): help, check, print, quota, log.</summary>
public sealed partial class XenStoreCore
{
    private static readonly string[] ControlCommands = ["check", "help", "log", "print", "quota"];

    private XsReply Control(XsConnection c, in XsMessage request)
    {
        var args = XsPayload.Strings(request.Payload.Span);
        if (args.Count == 0)
            return Error(request, XsdError.EINVAL);
        switch (args[0])
        {
            case "help":
                return Reply(request, XsPayload.Encode(string.Join('\n', ControlCommands) + "\n"));
            case "check":
                return CheckConsistency() is { } problem
                    ? Reply(request, XsPayload.Encode(problem))
                    : Reply(request, Ok);
            case "print" when args.Count == 2:
                Log?.Invoke(args[1]);
                return Reply(request, Ok);
            case "log" when args.Count == 2 && args[1] is "on" or "off":
                return Reply(request, Ok);
            case "quota" when args.Count == 1:
            {
                var sb = new StringBuilder();
                foreach (var name in XsQuotas.Names)
                    sb.Append(CultureInfo.InvariantCulture, $"{name,-18}: {Quotas.Get(name)}\n");
                return Reply(request, XsPayload.Encode(sb.ToString()));
            }
            case "quota" when args.Count == 3:
                return int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                    ? OkOrError(request, SetQuota(c, null, args[1], value))
                    : Error(request, XsdError.EINVAL);
            default:
                return Error(request, XsdError.EINVAL);
        }
    }

    /// <summary>
    /// Tree invariants: every child listed exists, every node except the root is listed by its
    /// parent, and the per-owner node counts match. Null when all hold.
    /// </summary>
    public string? CheckConsistency()
    {
        var counts = new Dictionary<uint, int>();
        foreach (var (path, node) in _nodes)
        {
            counts[node.Acl.Owner] = counts.GetValueOrDefault(node.Acl.Owner) + 1;
            foreach (var child in node.Children)
            {
                if (!_nodes.ContainsKey(XsPath.Child(path, child)))
                    return $"{path} lists missing child {child}";
            }
            if (path != "/" && (!_nodes.TryGetValue(XsPath.Parent(path), out var parent)
                || !parent.Children.Contains(XsPath.BaseName(path))))
            {
                return $"{path} is not listed by its parent";
            }
        }
        foreach (var (owner, count) in _nodeCounts)
        {
            if (counts.GetValueOrDefault(owner) != count)
                return $"dom{owner} accounted {count} nodes but owns {counts.GetValueOrDefault(owner)}";
        }
        return null;
    }
}
