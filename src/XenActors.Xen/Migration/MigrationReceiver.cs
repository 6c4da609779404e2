using XenActors.Xen.Hypervisor;

namespace XenActors.Xen.Migration;

/// <summary>
/// The destination of one relocation connection, as xc_domain_restore runs it: builds a paused domain of
/// the same shape (a new domid: ids are per host), writes every page batch into it, and on the commit
/// compares the memory checksum and resumes the guest only if it matches. A connection lost before that
/// destroys the half-built domain, so a failed migration leaves nothing behind on the destination.
/// </summary>
public sealed class MigrationReceiver(HypervisorGate host, TimeProvider time, Action<MigrationTrace>? trace = null) : IMigrationEndpoint
{
    private int? domid;
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

        var error = host.Run(hv =>
        {
            for (var i = 0; i < batch.Frames.Count; i++)
            {
                var written = hv.WriteFrame(id, batch.Frames[i], batch.Contents[i] ?? []);
                if (!written.IsSuccess)
                {
                    return written.Error.Message;
                }
            }

            return null;
        });
        PagesReceived += batch.Frames.Count;
        return error is null ? MigrationReply.Applied with { DestinationDomid = id } : MigrationReply.Refused(error);
    }

    private MigrationReply Commit(MigrationCommit commit)
    {
        if (domid is not { } id)
        {
            return MigrationReply.Refused("commit before the domain was built");
        }

        closed = true;
        var checksum = host.Run(hv => MemoryChecksum.Compute(hv, id).Value);
        if (checksum != commit.SourceChecksum)
        {
            host.Run(hv => hv.Destroy(id));
            Trace($"checksum mismatch; domain {id} destroyed");
            return MigrationReply.Applied with { DestinationDomid = id, DestinationChecksum = checksum };
        }

        host.Run(hv => hv.Unpause(id).ThrowIfFailed());
        resumed = true;
        var now = time.GetUtcNow();
        Trace($"checksum verified; domain {id} resumed");
        return MigrationReply.Applied with { DestinationDomid = id, DestinationChecksum = checksum, ResumedAt = now };
    }

    private void Trace(string label) => trace?.Invoke(new MigrationTrace(time.GetUtcNow(), MigrationSide.Destination, host.Host, label) { Guest = guest });
}
