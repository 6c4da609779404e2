using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Cluster;

namespace XenActors.Hosting.SplitHost;

/// <summary>
/// How a part of a split host finds the other parts: Up members carrying <c>kind@host</c>, then their actors by
/// well-known name, each step bounded by one deadline whose error names what is still missing.
/// </summary>
internal sealed class SplitHostPeers(XenActors.Cluster.Cluster cluster, string host, DateTime deadline, string self, ILogger log)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>The addresses of <paramref name="count"/> Up members with the role <c>kind@host</c>, oldest first.</summary>
    public async Task<IReadOnlyList<Address>> AwaitMembersAsync(string kind, int count, CancellationToken cancel)
    {
        var role = SplitHostRoles.Of(kind, host);
        var logged = false;
        while (true)
        {
            var up = cluster.State.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole(role)).OrderBy(m => m.UpNumber).ToList();
            if (up.Count >= count) return [.. up.Take(count).Select(m => m.Address)];
            if (!logged)
            {
                log.LogInformation("{Self} waits for {Count} {Role} node(s) to be Up ({Now} now)", self, count, role, up.Count);
                logged = true;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{self}: only {up.Count} of {count} node(s) with the role {role} are Up; start them with --roles {kind} and xenactors:xen:host={host} (or raise xenactors:xen:peerTimeout)");
            await Task.Delay(Poll, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>The actor <c>/user/<paramref name="name"/></c> on <paramref name="address"/> once it exists.</summary>
    public async Task<IActorRef> IdentifyAsync(Address address, string name, CancellationToken cancel)
    {
        var candidate = cluster.Remoting.Resolve($"{address}/user/{name}");
        while (true)
        {
            try
            {
                var identity = await candidate.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(1)).ConfigureAwait(false);
                if (identity.Subject is { } subject) return subject;
            }
            catch (AskTimeoutException)
            {
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{self}: /user/{name} on {address} did not answer; see that node's log");
            await Task.Delay(Poll, cancel).ConfigureAwait(false);
        }
    }
}
