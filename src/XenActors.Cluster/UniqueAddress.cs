using XenActors.Actor;

namespace XenActors.Cluster;

/// <summary>An address plus the incarnation uid: a node restarted on the same port is a different member.</summary>
public sealed record UniqueAddress(Address Address, long Uid) : IComparable<UniqueAddress>
{
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null) return 1;
        var c = Address.CompareTo(other.Address);
        return c != 0 ? c : Uid.CompareTo(other.Uid);
    }

    public override string ToString() => $"{Address}#{Uid}";
}
