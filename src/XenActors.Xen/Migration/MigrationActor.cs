using XenActors.Actor;

namespace XenActors.Xen.Migration;

/// <summary>
/// xend's relocation side on one host. As a source it runs a <see cref="PreCopyMigration"/> per guest being
/// sent, feeding transport outcomes back through its mailbox; as a destination it opens a
/// <see cref="MigrationReceiver"/> per incoming guest. Every step is published on the event stream as a
/// <see cref="MigrationTrace"/> (drill timelines subscribe to it); the requester gets the <see cref="MigrationResult"/>,
/// which is published too.
/// </summary>
public sealed class MigrationActor : ReceiveActor
{
    private readonly HypervisorGate host;
    private readonly Dictionary<int, Outgoing> outgoing = [];

    public MigrationActor(HypervisorGate host)
    {
        ArgumentNullException.ThrowIfNull(host);
        this.host = host;
        Receive<MigrateGuest>(Migrate);
        Receive<RelocationOpened>(Opened);
        Receive<TransportCompleted>(m => m.Continue());
        Receive<CancelMigration>(m =>
        {
            if (outgoing.TryGetValue(m.Domid, out var o))
            {
                if (o.Engine is null)
                {
                    Finished(m.Domid, Refusal(m.Domid, MigrationOutcome.Cancelled, "cancelled before the destination answered"));
                }
                else
                {
                    o.Engine.Cancel();
                }
            }
        });
        Receive<OpenRelocation>(m =>
        {
            var events = Context.System.EventStream;
            var receiver = new MigrationReceiver(host, Context.System.TimeProvider, events.Publish);
            Sender.Tell(new RelocationOpened(m.SourceDomid, receiver));
        });
    }

    private void Migrate(MigrateGuest m)
    {
        if (outgoing.ContainsKey(m.Domid))
        {
            Sender.Tell(Refusal(m.Domid, MigrationOutcome.Refused, $"domain {m.Domid} is already migrating"));
            return;
        }

        var self = Self;
        outgoing[m.Domid] = new Outgoing(m, Sender, m.Cancellation.Register(() => self.Tell(new CancelMigration(m.Domid))));
        m.Destination.Tell(new OpenRelocation(m.Domid, host.Host));
    }

    private void Opened(RelocationOpened m)
    {
        if (!outgoing.TryGetValue(m.SourceDomid, out var o) || o.Engine is not null)
        {
            m.Endpoint.ConnectionLost("no migration waits for this connection");
            return;
        }

        var self = Self;
        var events = Context.System.EventStream;
        o.Engine = new PreCopyMigration(host, m.SourceDomid, o.Request.Options, Context.System.TimeProvider, events.Publish)
        {
            // One slice of the post-switch-over check per message: other migrations' steps interleave.
            Continue = next => self.Tell(new TransportCompleted(next)),
        };
        var transport = new MailboxTransport(o.Request.Link(m.Endpoint), self);
        o.Engine.Start(transport, result => Finished(m.SourceDomid, result), o.Request.Cancellation);
    }

    private void Finished(int domid, MigrationResult result)
    {
        if (outgoing.Remove(domid, out var o))
        {
            o.Registration.Dispose();
            o.Requester.Tell(result);
            Context.System.EventStream.Publish(result);
        }
    }

    private MigrationResult Refusal(int domid, MigrationOutcome outcome, string reason)
    {
        var now = Context.System.TimeProvider.GetUtcNow();
        return new MigrationResult { Guest = "", From = host.Host, Outcome = outcome, Reason = reason, SourceDomid = domid, Started = now, Finished = now };
    }

    protected override void PostStop()
    {
        foreach (var o in outgoing.Values.ToList())
        {
            o.Registration.Dispose();
            o.Engine?.Cancel(); // the guest stays on the source when its xend stops mid-migration
        }
    }

    private sealed class Outgoing(MigrateGuest request, IActorRef requester, CancellationTokenRegistration registration)
    {
        public MigrateGuest Request { get; } = request;

        public IActorRef Requester { get; } = requester;

        public CancellationTokenRegistration Registration { get; } = registration;

        public PreCopyMigration? Engine { get; set; }
    }
}
