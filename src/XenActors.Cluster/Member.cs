using XenActors.Actor;

namespace XenActors.Cluster;

/// <summary>A cluster member as one node sees it (Akka's Member): address and uid, status, roles, and its up order.</summary>
public sealed record Member(UniqueAddress UniqueAddress, MemberStatus Status, IReadOnlyList<string> Roles, int UpNumber)
{
    public Address Address => UniqueAddress.Address;

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Oldest first: lowest up number, address breaking ties (Akka's ageOrdering).</summary>
    public bool IsOlderThan(Member other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (UpNumber == other.UpNumber) return Address.CompareTo(other.Address) < 0;
        return UpNumber < other.UpNumber;
    }

    public override string ToString() => $"Member({Address}, {Status}{(Roles.Count > 0 ? ", roles " + string.Join(',', Roles) : "")})";
}
