using System.Globalization;
using XenActors.Actor;
using XenActors.Hosting.SplitHost;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;
using Xunit.Abstractions;

namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>
/// What the split-host specs assert with: the live tree as the real <c>xenstore-ls -f</c> shows it on the xen
/// node's socket, the xenbus state transitions from the xen node's write journal (exact, in commit order), device
/// ownership and DESIGN's invariant from the hypervisor in the xen node's process.
/// </summary>
public abstract class SplitHostSpecBase(SplitClusterFixture cluster, ITestOutputHelper output) : TestKit.TestKit(output)
{
    protected const int DriverDomid = 1;

    protected SplitClusterFixture Cluster { get; } = cluster;

    protected SplitHostProbe Probe => Cluster.Probe;

    protected HypervisorClient Hv => new(Probe.Hypervisor);

    protected static string Be(int domid) => XenbusPci.BackendPath(DriverDomid, domid);

    protected static string Fe(int domid) => XenbusPci.FrontendPath(domid);

    protected async Task<XmResult> Ok(object command)
    {
        var r = await Probe.XmAsync(command);
        Assert.True(r.Success, $"{command}: {r.Message}");
        return r;
    }

    /// <summary><c>xenstore-ls -f ROOT</c> with the real tool on the xen node's socket; paths relative to ROOT, "ROOT" itself as "".</summary>
    protected async Task<IReadOnlyList<string>> LsAsync(string root)
    {
        var (code, stdout, stderr) = await Cluster.Cluster.ToolAsync(Cluster.Socket, "xenstore-ls", "-f", root);
        if (code != 0 && stderr.Contains("No such file", StringComparison.Ordinal)) return [];
        Assert.True(code == 0, $"xenstore-ls -f {root}: {stderr}");
        return [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.StartsWith(root, StringComparison.Ordinal) ? l[root.Length..].TrimStart('/') : l)];
    }

    /// <summary>The whole tree as <c>xenstore-ls -f /</c> prints it.</summary>
    protected async Task<string> WholeTreeAsync()
    {
        var (code, stdout, stderr) = await Cluster.Cluster.ToolAsync(Cluster.Socket, "xenstore-ls", "-f", "/");
        Assert.True(code == 0, stderr);
        return stdout;
    }

    protected int JournalMark() => Probe.Journal.Count;

    /// <summary>Backend and frontend state transitions since <paramref name="mark"/>: "be 7", "fe 4", "state-0 3".</summary>
    protected List<string> StateSequence(int domid, int mark) => [.. Probe.Journal.Skip(mark)
        .Where(w => w.Path.StartsWith(Be(domid) + "/state", StringComparison.Ordinal) || w.Path == Fe(domid) + "/state")
        .Select(w => (w.Path.StartsWith(Be(domid), StringComparison.Ordinal) ? (w.Path.EndsWith("/state", StringComparison.Ordinal) ? "be" : w.Path[(Be(domid).Length + 1)..]) : "fe") + " " + w.Value)];

    /// <summary>Waits until the journal has delivered the whole expected sequence (it travels apart from xm's answer), then compares.</summary>
    protected async Task AssertSequenceAsync(IReadOnlyList<string> expected, int domid, int mark)
    {
        await AwaitConditionAsync(() => StateSequence(domid, mark).Count >= expected.Count, TimeSpan.FromSeconds(10));
        Assert.Equal(expected, StateSequence(domid, mark));
    }

    protected async Task<string> OwnersAsync() => string.Join("\n", (await Hv.DevicesAsync()).Select(d => d.ToString()));

    protected async Task<int> OwnerOf(string bdf) => (await Hv.DevicesAsync()).Single(d => d.Address.ToString() == bdf).Owner;

    /// <summary>DESIGN.md: each function owned by exactly one of host, pool, one live domain; the hypervisor model sound.</summary>
    protected async Task AssertOwnershipInvariantAsync()
    {
        foreach (var d in await Hv.DevicesAsync())
            Assert.True(d.Owner == DomainIds.Dom0 || d.Owner == DomainIds.Io || (await Hv.CallAsync<DomainSummary>(new HvGetDomain(d.Owner))).IsSuccess, $"{d.Address} owned by {d.Owner}");
        Assert.Empty(await Hv.CheckInvariantsAsync());
    }

    /// <summary>Substitutes the domain id into a golden listing.</summary>
    protected static List<string> Golden(int domid, params string[] lines) => [.. lines.Select(l => l.Replace("{D}", domid.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))];

    /// <summary>Makes sure <paramref name="bdfs"/> are in the assignable pool.</summary>
    protected async Task PoolAsync(params string[] bdfs)
    {
        foreach (var b in bdfs) await Ok(new XmPciAssignableAdd(b));
    }

    /// <summary>The guest kernel of <paramref name="domid"/>, found on whichever guest node runs it (its launcher's child).</summary>
    protected async Task<(IActorRef Kernel, Node.LocalNodeState Node)> KernelOf(int domid)
    {
        // xend tells the launcher to start the kernel and answers xm without waiting for it: await it.
        (IActorRef, Node.LocalNodeState)? found = null;
        await AwaitAssertAsync(async () =>
        {
            foreach (var node in Cluster.State.Nodes.Where(n => n.Roles.Contains(SplitHostRoles.Guest)))
            {
                if (await Probe.IdentifyOrNullAsync($"{node.Address}/user/{GuestPlacement.Name}/dom{domid}") is { } kernel) found = (kernel, node);
            }
            Assert.True(found is not null, $"no guest node runs the kernel of domain {domid}");
        }, TimeSpan.FromSeconds(20));
        return found!.Value;
    }

    /// <summary>Sends <paramref name="signal"/> (STOP, KILL) to a node process with the real kill(1).</summary>
    protected static async Task SignalAsync(int pid, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
