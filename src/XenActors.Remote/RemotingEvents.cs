using XenActors.Actor;

namespace XenActors.Remote;

/// <summary>Association lifecycle, published on the event stream (Akka's RemotingLifecycleEvent family).</summary>
public abstract record RemotingLifecycleEvent(Address RemoteAddress);

/// <summary>A connection to <paramref name="RemoteAddress"/> finished its handshake.</summary>
public sealed record AssociatedEvent(Address RemoteAddress, long RemoteUid, bool Inbound) : RemotingLifecycleEvent(RemoteAddress);

/// <summary>The connection to <paramref name="RemoteAddress"/> closed (it may come back).</summary>
public sealed record DisassociatedEvent(Address RemoteAddress, string Reason) : RemotingLifecycleEvent(RemoteAddress);

/// <summary>The incarnation <paramref name="Uid"/> of <paramref name="RemoteAddress"/> is quarantined for good.</summary>
public sealed record QuarantinedEvent(Address RemoteAddress, long Uid, string Reason) : RemotingLifecycleEvent(RemoteAddress);

/// <summary>A node is lost (quarantined, shut down, or silent too long): watchers of its actors got Terminated.</summary>
public sealed record AddressTerminated(Address Address);
