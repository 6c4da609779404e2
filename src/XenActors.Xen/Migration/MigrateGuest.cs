using XenActors.Actor;

namespace XenActors.Xen.Migration;

/// <summary>
/// To the source host's <see cref="MigrationActor"/>: move <paramref name="Domid"/> to the host whose migration
/// actor is <paramref name="Destination"/> (xm migrate --live). <paramref name="Link"/> builds the wire to the
/// destination's endpoint (a <see cref="SimulatedMigrationLink"/> in process). The sender gets a <see cref="MigrationResult"/>.
/// </summary>
public sealed record MigrateGuest(
    int Domid,
    IActorRef Destination,
    Func<IMigrationEndpoint, IMigrationTransport> Link,
    MigrationOptions? Options = null,
    CancellationToken Cancellation = default);
