using System.Text;

namespace XenActors.Actor;

/// <summary>
/// An actor's place in the tree: <c>xen://sys@host:port/user/a/b#uid</c>. Linked to its parent so that
/// spawning a child costs one small object. Equality ignores the uid, as in Akka.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    public const long UndefinedUid = 0;
    private const string ValidSymbols = "-_.*$+:@&=,!~';()";

    private readonly ActorPath? _parent;
    private string? _text;
    private int _hash;

    private ActorPath(Address address, ActorPath? parent, string name, long uid, int depth)
    {
        Address = address;
        _parent = parent;
        Name = name;
        Uid = uid;
        Depth = depth;
    }

    /// <summary>The root path of an address: <c>xen://sys/</c>.</summary>
    public static ActorPath Root(Address address) => new(address, null, "", UndefinedUid, 0);

    public Address Address { get; }
    public string Name { get; }
    public long Uid { get; }
    public int Depth { get; }
    public ActorPath Parent => _parent ?? this;
    public ActorPath RootPath => _parent is null ? this : _parent.RootPath;

    public ActorPath Child(string name, long uid = UndefinedUid) => new(Address, this, name, uid, Depth + 1);

    public static ActorPath operator /(ActorPath parent, string name) => parent.Child(name);

    public ActorPath WithUid(long uid) => uid == Uid ? this : new ActorPath(Address, _parent, Name, uid, Depth);

    /// <summary>The same path under another address (used when a local ref is sent to a remote node).</summary>
    public ActorPath WithAddress(Address address)
    {
        if (address == Address) return this;
        var path = Root(address);
        foreach (var element in Elements) path = path.Child(element);
        return path.WithUid(Uid);
    }

    public IReadOnlyList<string> Elements
    {
        get
        {
            var elements = new string[Depth];
            for (var p = this; p._parent is not null; p = p._parent) elements[p.Depth - 1] = p.Name;
            return elements;
        }
    }

    /// <summary>The path without address: <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (_parent is null) return "/";
        var sb = new StringBuilder();
        AppendElements(sb);
        return sb.ToString();
    }

    public string ToSerializationFormat() => Uid == UndefinedUid ? ToString() : $"{this}#{Uid}";

    public override string ToString()
    {
        if (_text is not null) return _text;
        var sb = new StringBuilder(Address.ToString());
        if (_parent is null) sb.Append('/');
        else AppendElements(sb);
        return _text = sb.ToString();
    }

    private void AppendElements(StringBuilder sb)
    {
        if (_parent is null) return;
        _parent.AppendElements(sb);
        sb.Append('/').Append(Name);
    }

    public bool Equals(ActorPath? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Depth != other.Depth) return false;
        for (ActorPath? a = this, b = other; a is not null && b is not null; a = a._parent, b = b._parent)
        {
            if (ReferenceEquals(a, b)) return true;
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal)) return false;
            if (a._parent is null) return a.Address == b.Address;
        }
        return false;
    }

    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = _parent is null ? Address.GetHashCode() : HashCode.Combine(_parent.GetHashCode(), Name);
        return _hash = h == 0 ? 1 : h;
    }

    public int CompareTo(ActorPath? other) => other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    public static bool operator ==(ActorPath? a, ActorPath? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(ActorPath? a, ActorPath? b) => !(a == b);

    /// <summary>True if <paramref name="name"/> is a legal path element (Akka's character set, percent escapes).</summary>
    public static bool IsValidPathElement(string? name)
    {
        if (string.IsNullOrEmpty(name)) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c) || ValidSymbols.Contains(c, StringComparison.Ordinal)) continue;
            if (c == '%' && i + 2 < name.Length && char.IsAsciiHexDigit(name[i + 1]) && char.IsAsciiHexDigit(name[i + 2]))
            {
                i += 2;
                continue;
            }
            return false;
        }
        return true;
    }

    public static ActorPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Parses <c>proto://system[@host:port]/a/b[#uid]</c>; the error says which part is wrong.</summary>
    public static bool TryParse(string text, out ActorPath path, out string error)
    {
        path = null!;
        if (string.IsNullOrEmpty(text)) { error = "empty actor path"; return false; }
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0) { error = $"'{text}' is not an actor path: expected proto://system[@host:port]/path"; return false; }
        var slash = text.IndexOf('/', scheme + 3);
        var addressText = slash < 0 ? text : text[..slash];
        if (!Address.TryParse(addressText, out var address, out error)) return false;
        var rest = slash < 0 ? "" : text[(slash + 1)..];
        var uid = UndefinedUid;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (!long.TryParse(rest.AsSpan(hash + 1), out uid)) { error = $"'{text}': uid after '#' must be a number"; return false; }
            rest = rest[..hash];
        }
        path = Root(address);
        if (rest.Length > 0)
        {
            foreach (var element in rest.Split('/'))
            {
                if (!IsValidPathElement(element)) { error = $"'{text}': invalid path element '{element}'"; return false; }
                path = path.Child(element);
            }
        }
        path = path.WithUid(uid);
        error = "";
        return true;
    }
}
