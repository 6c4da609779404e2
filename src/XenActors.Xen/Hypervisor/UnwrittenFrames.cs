using XenActors.Actor;
using XenActors.Xen.Hypervisor.Messages;

namespace XenActors.Xen.Hypervisor;

/// <summary>
/// A client's own frames written while a shortcut carried them and not yet sent to the hypervisor: per frame only the
/// newest content, so a scan of a hundred ops costs one write-back instead of a hundred (see
/// <see cref="HypervisorClient.WriteBack"/>). The pcifront actor writes ops and its event-channel handler stores
/// answers, so holds and write-backs take a lock: a write-back must never send an older copy after a newer one.
/// </summary>
internal sealed class UnwrittenFrames
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(int Domid, long Gfn), HvWriteGuest> _frames = [];

    /// <summary>Keeps <paramref name="write"/> (at offset 0) as the frame's newest content; a shorter one keeps the older tail.</summary>
    public void Hold(HvWriteGuest write)
    {
        lock (_gate)
        {
            var key = (write.Domid, write.Gfn);
            if (_frames.TryGetValue(key, out var older) && older.Data.Length > write.Data.Length)
            {
                var merged = (byte[])older.Data.Clone();
                write.Data.CopyTo(merged, 0);
                write = write with { Data = merged };
            }
            _frames[key] = write;
        }
    }

    /// <summary>Tells the hypervisor every held frame, in one go under the lock so a later hold cannot overtake it.</summary>
    public void WriteBack(IActorRef hypervisor)
    {
        lock (_gate)
        {
            if (_frames.Count == 0)
                return;
            foreach (var write in _frames.Values)
                hypervisor.Tell(write, ActorRefs.NoSender);
            _frames.Clear();
        }
    }
}
