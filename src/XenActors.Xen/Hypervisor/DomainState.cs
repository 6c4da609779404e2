namespace XenActors.Xen.Hypervisor;

/// <summary>
/// Life of a domain. New domains start <see cref="Paused"/> as in Xen (the toolstack unpauses
/// once built). <see cref="Dying"/> lasts while other domains still map its pages (a Xen "zombie").
/// </summary>
public enum DomainState
{
    Running,
    Paused,
    Dying,
    Destroyed,
}
