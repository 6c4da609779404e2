namespace XenActors.Xen.Migration;

/// <summary>Cancels the running migration of <paramref name="Domid"/>; its requester gets a Cancelled result.</summary>
public sealed record CancelMigration(int Domid);
