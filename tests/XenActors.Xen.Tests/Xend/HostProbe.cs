using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.Xen.Host;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Hypervisor.Messages;
using XenActors.Xen.Protocol;
using XenActors.Xen.XenStore;
using XenActors.Xen.Xend;

namespace XenActors.Xen.Tests.Xend;

/// <summary>What the xend specs look at on an <see cref="InProcessXenHost"/>: xm, store listings, the state journal, owners and the ownership invariant.</summary>
public sealed class HostProbe
{
    private readonly ConcurrentQueue<XsNodeWritten> journal = new();

    public HostProbe(InProcessXenHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        Host = host;
        host.System.EventStream.Subscribe<XsNodeWritten>(w => journal.Enqueue(w));
    }

    public InProcessXenHost Host { get; }

    public IReadOnlyList<XsNodeWritten> Journal => [.. journal];

    public void ClearJournal() => journal.Clear();

    private HypervisorClient Hv => new(Host.Hypervisor);

    public async Task<XmResult> Ok(object command)
    {
        var r = await Host.Xm(command);
        Assert.True(r.Success, r.Message);
        return r;
    }

    /// <summary>Puts <paramref name="bdfs"/> in the assignable pool and creates a PV guest; its domid.</summary>
    public async Task<int> GuestWithPool(params string[] bdfs)
    {
        foreach (var b in bdfs)
            await Ok(new XmPciAssignableAdd(b));
        return (await Ok(new XmCreate("guest"))).Domid;
    }

    public async Task<IReadOnlyList<string>> Tree(string root)
    {
        var listing = await Host.XenStore.Ask<XsListing>(new XsList(root));
        return [.. listing.Entries.Select(e => e.Path[root.Length..].TrimStart('/') + " = \"" + e.Value + "\"")];
    }

    public async Task<int> OwnerOf(string bdf) => (await Hv.DevicesAsync()).Single(d => d.Address.ToString() == bdf).Owner;

    public async Task<IReadOnlyList<string>> Owners() => [.. (await Hv.DevicesAsync()).Select(d => d.ToString())];

    public async Task<bool> Exists(int domid) => (await Hv.CallAsync<DomainSummary>(new HvGetDomain(domid))).IsSuccess;

    /// <summary>DESIGN.md: each function owned by exactly one of host, pool, one live domain; hypervisor model sound.</summary>
    public async Task AssertOwnershipInvariant()
    {
        var devices = await Hv.DevicesAsync();
        Assert.Equal(Host.Inventory.Count, devices.Count);
        foreach (var d in devices)
            Assert.True(d.Owner == DomainIds.Dom0 || d.Owner == DomainIds.Io || await Exists(d.Owner), $"{d.Address} owned by {d.Owner}");
        Assert.Empty(await Hv.CheckInvariantsAsync());
    }

    public async Task<IActorRef> KernelOf(int domid) => (await Host.Launcher.Ask<DomainActor>(new GuestKernelOf(domid))).Actor;
}
