using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// The destination of one relocation connection, as xc_domain_restore runs it: builds a paused domain of
/// the same shape (a new domid: ids are per host), writes every page batch into it and, on the commit (the end
/// of the last iteration), resumes the guest. A connection lost before that destroys the half-built domain, so
/// a failed migration leaves nothing behind on the destination.
/// The memory checksum it answers the commit with is kept up to date as batches arrive: each page written is
/// read back and its digest stored (hashed outside the host's lock), so the commit only combines digests, after
/// the resume: none of it is downtime. The source compares it with its own copy's after the switch-over.
/// </summary>
public sealed class MigrationReceiver(HypervisorGate host, TimeProvider time, Action<MigrationTrace>? trace = null) : IMigrationEndpoint
{
    private int? domid;
    private byte[]?[] digests = [];
    private byte[] readBack = [];
    private bool resumed;
    private bool closed;
    private string guest = "";

    /// <summary>The guest's domid on this host once the domain is built.</summary>
    public int? Domid => domid;

    public bool Resumed => resumed;

    public long PagesReceived { get; private set; }

    public MigrationReply Receive(MigrationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (closed)
        {
            return MigrationReply.Refused("the connection is closed");
        }

        return record switch
        {
            MigrationBegin begin => Build(begin),
            PageBatch batch => Write(batch),
            MigrationCommit commit => Commit(commit),
            _ => MigrationReply.Refused($"unknown record {record.GetType().Name}"),
        };
    }

    public void ConnectionLost(string reason)
    {
        if (closed)
        {
            return;
        }

        closed = true;
        if (domid is { } id && !resumed)
        {
            host.Run(hv => hv.Destroy(id));
            Trace($"connection lost ({reason}); domain {id} destroyed");
        }
    }

    private MigrationReply Build(MigrationBegin begin)
    {
        if (domid is not null)
        {
            return MigrationReply.Refused("the domain is already built");
        }

        var created = host.Run(hv => hv.CreateDomain(new DomainConfig(begin.Name)
        {
            Type = begin.Type,
            MemoryMiB = begin.MemoryMiB,
            Vcpus = begin.Vcpus,
        }));
        if (!created.TryGetValue(out var id))
        {
            closed = true;
            return MigrationReply.Refused(created.Error.Message);
        }

        domid = id;
        digests = new byte[]?[checked((int)host.Run(hv => hv.GetDomain(id).Value.FrameCount))];
        guest = begin.Name;
        Trace($"domain {id} built for {begin.Name} (was {begin.SourceDomid})");
        return MigrationReply.Applied with { DestinationDomid = id };
    }

    private MigrationReply Write(PageBatch batch)
    {
        if (domid is not { } id)
        {
            return MigrationReply.Refused("pages before the domain was built");
        }

        var count = batch.Frames.Count;
        if (batch.Contents.Count != count)
        {
            return MigrationReply.Refused($"a batch of {count} frames carries {batch.Contents.Count} contents");
        }

        if (readBack.Length < count * XenHypervisor.PageSize)
        {
            readBack = new byte[count * XenHypervisor.PageSize];
        }

        // Write, then read back what the domain now holds: the digests are of the destination's memory, not of the wire.
        var error = host.Run(hv =>
        {
            for (var i = 0; i < count; i++)
            {
                var written = hv.WriteFrame(id, batch.Frames[i], batch.Contents[i] ?? []);
                if (!written.IsSuccess)
                {
                    return written.Error.Message;
                }
            }

            for (var i = 0; i < count; i++)
            {
                hv.ReadGuestMemory(id, (ulong)batch.Frames[i] * XenHypervisor.PageSize, readBack.AsSpan(i * XenHypervisor.PageSize, XenHypervisor.PageSize)).ThrowIfFailed();
            }

            return null;
        });
        if (error is not null)
        {
            return MigrationReply.Refused(error);
        }

        for (var i = 0; i < count; i++)
        {
            digests[batch.Frames[i]] = MemoryChecksum.PageDigest(readBack.AsSpan(i * XenHypervisor.PageSize, XenHypervisor.PageSize));
        }

        PagesReceived += count;
        return MigrationReply.Applied with { DestinationDomid = id };
    }

    private MigrationReply Commit(MigrationCommit commit)
    {
        if (domid is not { } id)
        {
            return MigrationReply.Refused("commit before the domain was built");
        }

        closed = true;
        var resume = host.Run(hv => hv.Unpause(id));
        if (!resume.IsSuccess)
        {
            host.Run(hv => hv.Destroy(id));
            Trace($"resume failed ({resume.Error.Message}); domain {id} destroyed");
            return MigrationReply.Refused(resume.Error.Message);
        }

        resumed = true;
        var now = time.GetUtcNow();
        // After the resume: combining the digests is not downtime.
        var checksum = MemoryChecksum.Combine(digests.Select((digest, gfn) => ((long)gfn, digest)));
        Trace($"domain {id} resumed; memory checksum {checksum[..12]}");
        return MigrationReply.Applied with { DestinationDomid = id, DestinationChecksum = checksum, ResumedAt = now };
    }

    private void Trace(string label) => trace?.Invoke(new MigrationTrace(time.GetUtcNow(), MigrationSide.Destination, host.Host, label) { Guest = guest });
}
