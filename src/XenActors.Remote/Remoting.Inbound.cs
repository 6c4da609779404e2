using System.Buffers;
using System.Net.Sockets;
using XenActors.Actor;
using XenActors.Remote.Serialization;
using XenActors.Remote.Transport;
using XenActors.Remote.Wire;

namespace XenActors.Remote;

public sealed partial class Remoting
{
    /// <summary>
    /// Blocking accepts on a thread of its own: an accepted socket must never see an asynchronous operation (see
    /// <see cref="Connection"/>). Ends when the listener is disposed.
    /// </summary>
    private void AcceptLoop()
    {
        while (!IsShuttingDown)
        {
            Socket socket;
            try
            {
                socket = _listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                if (!IsShuttingDown) Log.Error($"accepting connections failed: {ex.Message}");
                return;
            }
            var connection = new Connection(socket, inbound: true);
            RunConnection(connection);
            // A peer that never completes the handshake does not hold a socket forever.
            _ = connection.Handshake.Task.WaitAsync(Settings.HandshakeTimeout, Time).ContinueWith(t =>
            {
                if (t.IsFaulted && !connection.IsClosed)
                {
                    Log.Warning($"refused inbound connection from {connection.EndPoint}: no handshake within {Settings.HandshakeTimeout.TotalSeconds:0.#} s");
                    connection.Close();
                }
            }, TaskScheduler.Default);
        }
    }

    internal void RunConnection(Connection connection) =>
        connection.StartReading(Settings.MaximumFrameSize, OnFrame, OnConnectionClosed, Settings.InlineCrossings, TimeSpan.FromMicroseconds(Settings.BusyPollMicroseconds));

    private void OnConnectionClosed(Connection connection, string reason)
    {
        var wasOpen = !connection.IsClosed;
        connection.Close();
        if (connection.Association is { } association)
        {
            association.OnClosed(connection);
            if (wasOpen) Log.Info($"disassociated from {association.Remote}: {reason}");
            Published(new DisassociatedEvent(association.Remote, reason));
        }
        else if (reason.StartsWith("bad frame length", StringComparison.Ordinal))
        {
            Log.Error($"refused inbound connection from {connection.EndPoint}: {reason}");
        }
        else if (wasOpen && connection.Inbound)
        {
            Log.Debug($"inbound connection from {connection.EndPoint} closed before its handshake: {reason}");
        }
        if (reason.StartsWith(Connection.ReaderFailed, StringComparison.Ordinal) || reason.StartsWith(Connection.RingBroken, StringComparison.Ordinal))
        {
            Log.Error($"closed {connection}: {reason}");
        }
        if (connection.Association is not null && reason.StartsWith("bad frame length", StringComparison.Ordinal))
        {
            Log.Error($"closed connection from {connection.Association.Remote}: {reason}");
        }
    }

    /// <summary>Handles one frame; false closes the connection (only for handshake failures).</summary>
    private bool OnFrame(Connection connection, ReadOnlySequence<byte> frame)
    {
        byte[]? rented = null;
        ReadOnlySpan<byte> span;
        if (frame.IsSingleSegment)
        {
            span = frame.FirstSpan;
        }
        else
        {
            rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
            frame.CopyTo(rented);
            span = rented.AsSpan(0, (int)frame.Length);
        }
        try
        {
            return connection.RemoteUid == 0 ? OnHandshakeFrame(connection, span) : OnAssociatedFrame(connection, span);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private bool OnHandshakeFrame(Connection connection, ReadOnlySpan<byte> span)
    {
        var who = connection.Inbound ? $"inbound connection from {connection.EndPoint}" : $"association to {connection.RemoteAddress}";
        var reader = new WireReader(span);
        var kind = (PduKind)reader.ReadByte();
        if (kind == PduKind.Disassociate && !connection.Inbound)
        {
            var reason = reader.Remaining > 0 ? (DisassociateReason)reader.ReadByte() : DisassociateReason.Unknown;
            if (reason == DisassociateReason.Quarantined)
            {
                Log.Error($"association to {connection.RemoteAddress} refused: this system (uid {Uid}) is quarantined there. Remote actorsystem must be restarted to recover, or this one must be.");
            }
            else
            {
                Log.Warning($"association to {connection.RemoteAddress} refused by the peer: {reason}");
            }
            connection.Handshake.TrySetResult(false);
            return false;
        }
        if (kind != PduKind.Associate)
        {
            Log.Warning($"refused {who}: expected an Associate handshake but got frame kind {(byte)kind}");
            return false;
        }
        Handshakes.Offer offer;
        try
        {
            offer = Handshakes.Read(ref reader);
        }
        catch (MalformedPduException ex)
        {
            Log.Warning($"refused {who}: malformed handshake: {ex.Message}");
            return false;
        }
        var problem = Handshakes.Check(offer, System.Name);
        if (problem is not null)
        {
            Log.Warning($"refused {who} claiming to be {offer.Origin}: {problem}");
            if (connection.Inbound) TrySend(connection, Handshakes.DisassociatePdu(DisassociateReason.HandshakeRefused));
            connection.Handshake.TrySetResult(false);
            return false;
        }
        if (_quarantined.ContainsKey(offer.Uid))
        {
            Log.Warning($"refused {who}: {offer.Origin} with uid {offer.Uid} is quarantined; it must be restarted");
            if (connection.Inbound) TrySend(connection, Handshakes.DisassociatePdu(DisassociateReason.Quarantined));
            connection.Handshake.TrySetResult(false);
            return false;
        }
        if (Faults.For(offer.Origin).Severed || IsShuttingDown)
        {
            Log.Debug($"refused {who}: the link to {offer.Origin} is severed or this node is shutting down");
            return false;
        }
        connection.RemoteUid = offer.Uid;
        if (!connection.Inbound)
        {
            connection.Handshake.TrySetResult(true);
            return true;
        }
        connection.RemoteAddress = offer.Origin;
        var association = AssociationFor(offer.Origin);
        // Reply before the connection becomes live, so the Associate is the first frame the peer reads.
        if (!TrySend(connection, Handshakes.AssociatePdu(offer.Origin.System))) return false;
        if (!association.OfferInbound(connection))
        {
            Log.Debug($"inbound connection from {offer.Origin} is a duplicate of ours; closing it");
            TrySend(connection, Handshakes.DisassociatePdu(DisassociateReason.Duplicate));
            return false;
        }
        connection.Handshake.TrySetResult(true);
        Published(new AssociatedEvent(offer.Origin, offer.Uid, Inbound: true));
        return true;
    }

    private static bool TrySend(Connection connection, ArrayBufferWriter<byte> pdu)
    {
        try
        {
            // Sent here, before the connection is live, so nothing can overtake it.
            connection.WriteFrameNow(pdu.WrittenSpan);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            return false;
        }
    }

    private bool OnAssociatedFrame(Connection connection, ReadOnlySpan<byte> span)
    {
        var association = connection.Association;
        var peer = association?.Remote ?? connection.RemoteAddress!;
        association?.Touch();
        if (Faults.Any)
        {
            var faults = Faults.For(peer);
            if (faults.DropReceive || faults.Severed) return true;
            if (faults.ReceiveBytesPerSecond is { } rate) Thread.Sleep(TimeSpan.FromSeconds(span.Length / rate));
        }
        var reader = new WireReader(span);
        try
        {
            var kind = (PduKind)reader.ReadByte();
            switch (kind)
            {
                case PduKind.Envelope:
                    OnEnvelope(peer, ref reader);
                    return true;
                case PduKind.Heartbeat:
                    return true;
                case PduKind.Disassociate:
                    var reason = reader.Remaining > 0 ? (DisassociateReason)reader.ReadByte() : DisassociateReason.Unknown;
                    OnDisassociate(peer, connection, reason);
                    return false;
                case PduKind.Associate:
                    Log.Warning($"ignored a second Associate from {peer}");
                    return true;
                case PduKind.RingOffer:
                    OnRingOffer(peer, connection, reader.ReadRequiredString("ring name"));
                    return true;
                case PduKind.RingSwitch:
                    return OnRingSwitch(peer, connection);
                default:
                    Log.Error($"dropped a frame from {peer}: unknown frame kind {(byte)kind}");
                    return true;
            }
        }
        catch (MalformedPduException ex)
        {
            Log.Error($"dropped a malformed frame from {peer}: {ex.Message}");
            return true;
        }
        catch (MessageSerializationException ex)
        {
            Log.Error($"dropped a message from {peer}: {ex.Message}");
            return true;
        }
    }

    private void OnEnvelope(Address peer, ref WireReader reader)
    {
        var recipientText = reader.ReadRequiredString("recipient");
        var senderText = reader.ReadString();
        var serializerId = reader.ReadInt32();
        var manifest = reader.ReadRequiredString("manifest");
        var recipient = ResolveRef(recipientText);
        if (recipient is not IInternalActorRef { IsLocal: true } local)
        {
            Log.Warning($"dropped a message from {peer} for [{recipientText}]: that is not an actor of this node");
            return;
        }
        if (serializerId == SerializerIds.SystemMessages)
        {
            var system = SystemMessageCodec.Deliver(this, local, manifest, ref reader);
            Trace?.Received(peer, system);
            return;
        }
        var message = Serialization.Deserialize(serializerId, manifest, reader.ReadRest());
        Trace?.Received(peer, message);
        var sender = senderText is null ? null : ResolveRef(senderText);
        local.Tell(message, sender);
    }

    private void OnDisassociate(Address peer, Connection connection, DisassociateReason reason)
    {
        switch (reason)
        {
            case DisassociateReason.Quarantined:
                Log.Error($"{peer} quarantined this system (uid {Uid}); it must be restarted to talk to {peer} again");
                break;
            case DisassociateReason.ShuttingDown:
                Log.Info($"{peer} is shutting down");
                // Its actors are all gone: tell watchers now instead of waiting for the failure detector.
                AddressTerminatedNow(peer, connection.RemoteUid, "peer shut down", quarantine: false);
                break;
            default:
                Log.Info($"{peer} disassociated: {reason}");
                break;
        }
    }
}
