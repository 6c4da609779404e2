using XenActors.Actor;
using XenActors.Remote.Transport;
using XenActors.Remote.Wire;

namespace XenActors.Remote;

/// <summary>
/// Moving a connection between two nodes on one machine to shared rings (<see cref="SharedRing"/>), one direction at a
/// time: each side offers the ring it will read, and the other switches to it.
/// </summary>
public sealed partial class Remoting
{
    /// <summary>
    /// A connection became live: if the peer is on this machine, offer it a ring to write into. Anything in the way
    /// (rings off, no ring directory, a file that cannot be made) keeps the socket, which always works.
    /// </summary>
    internal void OfferRing(Association association, Connection connection)
    {
        if (!RingsFor(connection) || !Directory.Exists(Settings.SharedMemoryDirectory)) return;
        try
        {
            if (connection.OfferRing(Settings.SharedMemoryDirectory, Settings.SharedMemoryRingBytes) is { } name)
            {
                association.Enqueue(null, new ControlFrame(PduKind.RingOffer, Connection: connection, RingName: name), null);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.Warning($"cannot make a shared ring for {association.Remote} in {Settings.SharedMemoryDirectory} ({ex.Message}); it stays on its socket");
        }
    }

    /// <summary>The peer offered a ring to write into: map it and switch to it, or stay on the socket if it is not one.</summary>
    private void OnRingOffer(Address peer, Connection connection, string name)
    {
        if (!RingsFor(connection)) return;
        // The offer follows the peer's Associate at once: our side of an outbound connection may not be live yet.
        var association = connection.Association ?? AssociationFor(peer);
        SharedRing ring;
        try
        {
            ring = SharedRing.Open(Settings.SharedMemoryDirectory, name);
        }
        catch (InvalidDataException ex)
        {
            Log.Warning($"{peer} offered a shared ring that cannot be used ({ex.Message}); sending on the socket");
            return;
        }
        association.Enqueue(null, new ControlFrame(PduKind.RingSwitch, Connection: connection, Ring: ring), null);
    }

    /// <summary>
    /// Rings are on here, this system has their futex, and the peer is on this machine (a peer with rings off ignores
    /// our offer).
    /// </summary>
    [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
    private bool RingsFor(Connection connection) => Settings.SharedMemoryRingBytes != 0 && Futex.IsSupported && connection.RemoteIsLoopback;

    /// <summary>The peer's last frame on the socket: read the ring from now on. Without our offer, the stream is lost.</summary>
    private bool OnRingSwitch(Address peer, Connection connection)
    {
        try
        {
            connection.SwitchInputToRing();
            return true;
        }
        catch (MalformedPduException ex)
        {
            Log.Error($"closing the connection to {peer}: {ex.Message}");
            return false;
        }
    }
}
