using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// Hypercalls for drivers and the toolstack. When the <see cref="HypervisorActor"/> runs in this process the call is
/// made directly on the caller's thread under the model's gate, as a vCPU traps into the hypervisor (a hot-plug scan
/// makes hundreds, and one actor's mailbox for every domain's hypercalls was the emulator's bottleneck); otherwise it
/// is an Ask to the actor in the other process.
/// </summary>
public sealed class HypervisorClient(IActorRef hypervisor, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<(int Domid, int Port), HvShortcut> _shortcuts = new();
    private readonly ConcurrentDictionary<(int Domid, int Port), (long Gfn, int Length)> _ownPages = new();
    private readonly UnwrittenFrames _unwritten = new();
    private SharedHypervisor? _local;
    private bool _remote;

    public IActorRef Ref => hypervisor;

    /// <summary>The hypervisor runs in this process: hypercalls are direct and upcalls are delivered on the calling thread.</summary>
    public bool IsLocal => Local is not null;

    /// <summary>The hypervisor, when it runs in this process and has not stopped; null when calls must go by message.</summary>
    private SharedHypervisor? Local => !_remote && (_local ??= LocalHypervisors.Find(hypervisor)) is { IsRunning: true } local ? local : null;

    public Task<XenResult> CallAsync(IHypervisorRequest request)
    {
        NoteOwnPage(request);
        return CallAsync<XenResult>(request, r => (XenResult)r);
    }

    /// <summary>The one frame of ours an upcall by shortcut may bring a page for (see <see cref="Accept"/>).</summary>
    private void NoteOwnPage(IHypervisorRequest request)
    {
        if (request is HvBindUpcalls { Shortcuts: true, Port: { } port, SnapshotGfn: { } gfn } bind)
            _ownPages[(bind.Domid, port)] = (gfn, bind.SnapshotLength);
    }

    public Task<XenResult<T>> CallAsync<T>(IHypervisorRequest request) => CallAsync<XenResult<T>>(request, r => (XenResult<T>)r);

    /// <summary>
    /// A hypercall whose result nobody reads (as a guest ignores notify_remote_via_evtchn's): done at once when the
    /// hypervisor is local, else told without a sender, so no Ask round trip and no reply. The hypervisor handles one
    /// sender's requests in order, so a later <see cref="Tell"/> or <see cref="CallAsync"/> sees its effect.
    /// </summary>
    public void Tell(IHypervisorRequest request)
    {
        NoteOwnPage(request);
        Multicall(request);
    }

    /// <summary>
    /// Several told hypercalls in one trap, as HYPERVISOR_multicall batches them (pcifront's "write the op, notify"):
    /// one hold of the hypervisor's gate when it is local, the same tells in order when it is not.
    /// </summary>
    public void Multicall(params ReadOnlySpan<IHypervisorRequest> requests)
    {
        if (Local is { } local && !NeedsActor(requests))
        {
            local.CallAll(requests);
            return;
        }
        if (TryShortcut(requests))
            return;
        WriteBack();
        foreach (var request in requests)
            hypervisor.Tell(request, ActorRefs.NoSender);
    }

    /// <summary>
    /// Sends the hypervisor the latest content of our own frames that shortcuts carried since the last write-back.
    /// Done before any request that goes through the hypervisor, when an offer is withdrawn, and by a driver when it
    /// has finished a run of ops (pcifront after a scan): in between, the frame's owner holds the newest copy, as a
    /// real guest's page is written without any hypercall at all.
    /// </summary>
    public void WriteBack() => _unwritten.WriteBack(hypervisor);

    /// <summary>
    /// Takes the hypervisor's <see cref="HvShortcut"/> offer (or withdrawal) for one of our ports: the handler bound to
    /// the port with <see cref="HvBindUpcalls.Shortcuts"/> passes it here. An offer that does not make sense (no page,
    /// a page longer than one frame, neither or both sources) is refused and any earlier one dropped: sends then go
    /// through the hypervisor, which is always right.
    /// </summary>
    /// <returns>False for a refused offer.</returns>
    public bool Take(HvShortcut offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var key = (offer.Domid, offer.Port);
        var valid = offer.Handler is not null
            && offer.Length is > 0 and <= XenHypervisor.PageSize
            && (offer.SourceGfn is null) != (offer.SourceMapping is null)
            && (offer.WriteBackGfn is null || offer.SourceMapping is not null);
        if (!valid)
        {
            _shortcuts.TryRemove(key, out _);
            WriteBack();
            return offer.Handler is null;
        }
        _shortcuts[key] = offer;
        return true;
    }

    /// <summary>
    /// What an upcall that came by shortcut asks of its receiver: the page the peer wrote into our own frame is stored
    /// as that frame's newest content, written back to the hypervisor later (<see cref="WriteBack"/>). The peer
    /// may only write the frame we bound to that port with shortcuts, whole: anything else is refused, nothing is
    /// stored, and the receiver drops the upcall.
    /// </summary>
    /// <returns>False for an upcall to refuse.</returns>
    public bool Accept(HvUpcall upcall)
    {
        ArgumentNullException.ThrowIfNull(upcall);
        if (upcall.WriteBackGfn is not { } gfn)
            return true;
        if (upcall.Page is not { } page || !_ownPages.TryGetValue((upcall.Domid, upcall.Port), out var own)
            || own.Gfn != gfn || own.Length != page.Length)
            return false;
        _unwritten.Hold(new HvWriteGuest(upcall.Domid, gfn, 0, page));
        return true;
    }

    /// <summary>
    /// "Write the shared page, notify" on a port with a shortcut: the peer's handler gets the upcall straight away with
    /// the page as written. Our own frame's write is held for the next write-back (the hypervisor keeps guest memory,
    /// but a scan's hundreds of ops need not each cost it a message); a write through a mapping of the peer's frame
    /// travels only with the upcall, and the peer stores it (<see cref="Accept"/>).
    /// </summary>
    private bool TryShortcut(ReadOnlySpan<IHypervisorRequest> requests)
    {
        if (_shortcuts.IsEmpty || requests is not [var write, HvSend send]
            || !_shortcuts.TryGetValue((send.Caller, send.Port), out var shortcut))
            return false;
        var (data, ownFrame) = write switch
        {
            HvWriteGuest w when w.Domid == send.Caller && w.Gfn == shortcut.SourceGfn && w.Offset == 0 => (w.Data, true),
            HvWriteMapped w when w.Mapper == send.Caller && w.Handle == shortcut.SourceMapping && w.Offset == 0 => (w.Data, false),
            _ => (null, false),
        };
        // A mapped write longer than the peer's page would lose its tail: only the page travels and is stored.
        if (data is null || data.Length < shortcut.Length || (!ownFrame && data.Length != shortcut.Length))
            return false;
        if (ownFrame)
            _unwritten.Hold((HvWriteGuest)write);
        var page = data.Length == shortcut.Length ? data : data[..shortcut.Length];
        shortcut.Handler!.Tell(new HvUpcall(shortcut.PeerDomid, shortcut.PeerPort, page, shortcut.WriteBackGfn), ActorRefs.NoSender);
        return true;
    }

    public Task<IReadOnlyList<PciFunctionInfo>> DevicesAsync() =>
        CallAsync<IReadOnlyList<PciFunctionInfo>>(new HvListDevices(), r => (IReadOnlyList<PciFunctionInfo>)r);

    public Task<IReadOnlyList<string>> CheckInvariantsAsync() =>
        CallAsync<IReadOnlyList<string>>(new HvCheckInvariants(), r => (IReadOnlyList<string>)r);

    /// <summary>Direct when it can be, else by Ask; a direct call that throws gives a faulted task, as a failed Ask would.</summary>
    private Task<TReply> CallAsync<TReply>(IHypervisorRequest request, Func<object, TReply> cast)
    {
        try
        {
            return Direct(request) is { } reply ? Task.FromResult(cast(reply)) : AskAsync<TReply>(request);
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or ArgumentException)
        {
            return Task.FromException<TReply>(e);
        }
    }

    /// <summary>
    /// The reply of a direct hypercall, or null when it must go by message: the hypervisor is in another process (known
    /// once a message reply came back and no local one was registered), has stopped, or the request needs the actor
    /// itself (a death watch).
    /// </summary>
    private object? Direct(IHypervisorRequest request) => NeedsActor([request]) ? null : Local?.Call(request);

    /// <summary>A death watch is kept by the actor itself (it watches the watcher), so it always goes by message.</summary>
    private static bool NeedsActor(ReadOnlySpan<IHypervisorRequest> requests)
    {
        foreach (var request in requests)
        {
            if (request is HvWatchDomainDeaths)
                return true;
        }
        return false;
    }

    private async Task<T> AskAsync<T>(IHypervisorRequest request)
    {
        WriteBack();
        var reply = await hypervisor.Ask<T>(request, _timeout).ConfigureAwait(false);
        // The actor answered: had it been local it would have registered before answering.
        if (_local is null && LocalHypervisors.Find(hypervisor) is null)
            _remote = true;
        return reply;
    }
}
