// The wire shapes of the cluster protocol read best side by side; they are plain data.
#pragma warning disable CA1812, CA1819

namespace XenActors.Cluster.Protocol;

internal sealed record UniqueAddressDto(string Address, long Uid);

internal sealed record MemberDto(string Address, long Uid, MemberStatus Status, string[] Roles, int UpNumber);

internal sealed record ReachabilityDto(UniqueAddressDto Observer, UniqueAddressDto Subject, bool Unreachable, long Version);

internal sealed record GossipDto(MemberDto[] Members, UniqueAddressDto[] Removed, ReachabilityDto[] Reachability);
