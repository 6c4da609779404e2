namespace XenActors.Xen.Store.Model;

/// <summary>
/// One node of the tree. Immutable: every change makes a new node with a new generation, so a
/// transaction can hold on to what it read and conflict detection is a generation comparison.
/// </summary>
public sealed class XsNode
{
    public XsNode(byte[] value, XsAcl acl, string[] children, long generation)
    {
        Value = value;
        Acl = acl;
        Children = children;
        Generation = generation;
    }

    /// <summary>The raw value; never mutated, so it can be handed out as a READ reply without copying.</summary>
    public byte[] Value { get; }

    public XsAcl Acl { get; }

    /// <summary>Child names in creation order (xenstored keeps them in insertion order too).</summary>
    public string[] Children { get; }

    /// <summary>Global modification counter at the time this version was made.</summary>
    public long Generation { get; }

    public XsNode WithValue(byte[] value, long generation) => new(value, Acl, Children, generation);

    public XsNode WithAcl(XsAcl acl, long generation) => new(Value, acl, Children, generation);

    public XsNode WithChild(string name, long generation) => new(Value, Acl, [.. Children, name], generation);

    public XsNode WithoutChild(string name, long generation) =>
        new(Value, Acl, Children.Where(c => c != name).ToArray(), generation);

    /// <summary>Bytes of the child list as on the wire: every name followed by NUL.</summary>
    public int ChildrenLength
    {
        get
        {
            var n = 0;
            foreach (var c in Children)
                n += c.Length + 1;
            return n;
        }
    }

    /// <summary>What the node-size quota measures: data, child list and 4 bytes per ACL entry (no headers).</summary>
    public int AccountedSize => Value.Length + ChildrenLength + 4 * Acl.Count;
}
