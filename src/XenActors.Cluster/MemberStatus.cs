namespace XenActors.Cluster;

/// <summary>
/// A member's lifecycle (Akka's MemberStatus). The numeric order is the merge order: states only move forward
/// (Joining → Up → Leaving → Exiting → Removed, and Down from anywhere), so two views merge by taking the later.
/// </summary>
public enum MemberStatus
{
    Joining = 0,
    WeaklyUp = 1,
    Up = 2,
    Leaving = 3,
    Exiting = 4,
    Down = 5,
    Removed = 6,
}
