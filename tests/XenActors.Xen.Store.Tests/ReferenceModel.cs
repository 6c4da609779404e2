namespace XenActors.Xen.Store.Tests;

/// <summary>
/// The simplest possible XenStore for dom0: a dictionary from path to value. Properties compare
/// the real core against it, result by result.
/// </summary>
public sealed class ReferenceModel
{
    public ReferenceModel() => Nodes = new Dictionary<string, string>(StringComparer.Ordinal) { ["/"] = "" };

    private ReferenceModel(Dictionary<string, string> nodes) => Nodes = nodes;

    public Dictionary<string, string> Nodes { get; }

    public ReferenceModel Clone() => new(new Dictionary<string, string>(Nodes, StringComparer.Ordinal));

    public static string Parent(string p) => p.LastIndexOf('/') <= 0 ? "/" : p[..p.LastIndexOf('/')];

    /// <summary>Applies one operation; the result string has the same shape <see cref="StoreOp"/> renders.</summary>
    public string Apply(StoreOp op)
    {
        switch (op.Kind)
        {
            case OpKind.Write:
                Create(op.Path);
                Nodes[op.Path] = op.Value;
                return "OK";
            case OpKind.Mkdir:
                if (!Nodes.ContainsKey(op.Path))
                    Create(op.Path);
                return "OK";
            case OpKind.Rm:
                if (!Nodes.ContainsKey(op.Path))
                    return Nodes.ContainsKey(Parent(op.Path)) ? "OK" : "ENOENT";
                foreach (var p in Nodes.Keys.Where(k => k == op.Path || k.StartsWith(op.Path + "/", StringComparison.Ordinal)).ToList())
                    Nodes.Remove(p);
                return "OK";
            case OpKind.Read:
                return Nodes.TryGetValue(op.Path, out var v) ? "=" + v : "ENOENT";
            case OpKind.Dir:
                if (!Nodes.ContainsKey(op.Path))
                    return "ENOENT";
                var prefix = op.Path == "/" ? "/" : op.Path + "/";
                return "[" + string.Join(",", Nodes.Keys
                    .Where(k => k.Length > prefix.Length && k.StartsWith(prefix, StringComparison.Ordinal) && !k[prefix.Length..].Contains('/'))
                    .Select(k => k[prefix.Length..])
                    .Order(StringComparer.Ordinal)) + "]";
            default:
                throw new InvalidOperationException(op.Kind.ToString());
        }
    }

    private void Create(string path)
    {
        var parent = Parent(path);
        if (!Nodes.ContainsKey(parent))
            Create(parent);
        Nodes.TryAdd(path, "");
    }
}
