using XenActors.Xen.Hypervisor;
using XenActors.Xen.Migration;
using XenActors.Xen.Protocol;
using XenActors.Xen.Xenbus;

namespace XenActors.Xen.Drill;

/// <summary>
/// Stand-in for xend + pciback + pcifront until they are integrated: walks the xenbus sub-state sequence of
/// PV hot-plug (DESIGN.md, seed slides) with a few virtual milliseconds per hop, records every state on the
/// lanes of the actor that would write it, tells the guest's driver at the point pcifront would, and really
/// moves the function in the hypervisor (deassign to the pool on removal, assign on addition) so log-dirty is
/// refused or allowed exactly as it would be.
/// </summary>
public sealed class SimulatedDeviceHotplug(
    TimeProvider time,
    IReadOnlyDictionary<string, HypervisorGate> hosts,
    DrillRecorder recorder,
    string guest,
    IGuestPciDriver driver) : IDeviceHotplug
{
    /// <summary>Time one xenbus hop (a xenstore write seen by the other end's watch) takes.</summary>
    public static readonly TimeSpan Hop = TimeSpan.FromMilliseconds(2);

    private readonly HashSet<ITimer> timers = [];
    private readonly Lock gate = new();

    public void CheckMatching(string host, int domid, string destination, Action<HotplugResult> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var devices = hosts[host].Run(x => x.GetDomain(domid).TryGetValue(out var d) ? d.AssignedDevices.Order().ToList() : []);
        var free = hosts[destination].Run(x => x.Devices.Count(d => d.Owner is DomainIds.Dom0 or DomainIds.Io));
        var found = devices.Select(a => new PassThroughDevice(host, a, "nic")).ToList();
        After(TimeSpan.Zero, () => completed(free < found.Count ? new HotplugResult(found, $"{destination} has {free} free device(s), {found.Count} needed") : new HotplugResult(found)));
    }

    public void HotRemoveAll(string host, int domid, Action<HotplugResult> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var hv = hosts[host];
        var devices = hv.Run(x => x.GetDomain(domid).TryGetValue(out var d) ? d.AssignedDevices.Order().ToList() : []);
        var found = devices.Select(a => new PassThroughDevice(host, a, "nic")).ToList();
        Chain(found, 0, (device, n, next) => Remove(hv, domid, device, n, next), () => completed(new HotplugResult(found)));
    }

    public void HotAddMatching(string host, int domid, IReadOnlyList<PassThroughDevice> like, Action<HotplugResult> completed)
    {
        ArgumentNullException.ThrowIfNull(like);
        ArgumentNullException.ThrowIfNull(completed);
        var hv = hosts[host];
        var free = hv.Run(x => x.Devices.Where(d => d.Owner is DomainIds.Dom0 or DomainIds.Io).Select(d => d.Address).Order().ToList());
        if (free.Count < like.Count)
        {
            After(TimeSpan.Zero, () => completed(new HotplugResult([], $"{host} has {free.Count} free device(s), {like.Count} needed")));
            return;
        }

        var chosen = free.Take(like.Count).Select((a, i) => new PassThroughDevice(host, a, like[i].Kind)).ToList();
        Chain(chosen, 0, (device, n, next) => Add(hv, domid, device, n, next), () => completed(new HotplugResult(chosen)));
    }

    private void Remove(HypervisorGate hv, int domid, PassThroughDevice device, int n, Action done)
    {
        var host = device.Host;
        State(DrillLanes.Xend(host), $"state-{n}=Closing({(int)XenbusState.Closing})");
        State(DrillLanes.Pciback(host), $"Reconfiguring({(int)XenbusState.Reconfiguring})");
        After(Hop, () =>
        {
            State(DrillLanes.Pcifront(guest), $"Reconfiguring({(int)XenbusState.Reconfiguring}): release {device.Address}");
            driver.PrepareRemoval(device, () => After(Hop, () =>
            {
                hv.Run(x => x.DeassignDevice(device.Address, domid).ThrowIfFailed());
                driver.Removed(device);
                State(DrillLanes.Pciback(host), $"{device.Address} removed, Reconfigured({(int)XenbusState.Reconfigured})");
                After(Hop, () =>
                {
                    State(DrillLanes.Pcifront(guest), $"Connected({(int)XenbusState.Connected})");
                    State(DrillLanes.Pciback(host), $"Connected({(int)XenbusState.Connected})");
                    State(DrillLanes.Xend(host), $"dev-{n} removed, I/O resources disabled");
                    done();
                });
            }));
        });
    }

    private void Add(HypervisorGate hv, int domid, PassThroughDevice device, int n, Action done)
    {
        var host = device.Host;
        State(DrillLanes.Xend(host), $"dev-{n}={device.Address}, state-{n}=Initialising({(int)XenbusState.Initialising})");
        State(DrillLanes.Pciback(host), $"Reconfiguring({(int)XenbusState.Reconfiguring})");
        After(Hop, () =>
        {
            State(DrillLanes.Pcifront(guest), $"Reconfiguring({(int)XenbusState.Reconfiguring})");
            hv.Run(x => x.AssignDevice(device.Address, domid).ThrowIfFailed());
            State(DrillLanes.Pciback(host), $"vdev-{n}, state-{n}=Initialised({(int)XenbusState.Initialised}), Reconfigured({(int)XenbusState.Reconfigured})");
            After(Hop, () =>
            {
                State(DrillLanes.Pcifront(guest), $"rescan, {device.Address} enabled, Connected({(int)XenbusState.Connected})");
                driver.Added(device);
                State(DrillLanes.Pciback(host), $"Connected({(int)XenbusState.Connected})");
                done();
            });
        });
    }

    /// <summary>One device after the other, numbered from 0 like dev-N.</summary>
    private void Chain(IReadOnlyList<PassThroughDevice> devices, int index, Action<PassThroughDevice, int, Action> step, Action finished)
    {
        if (index == devices.Count)
        {
            After(TimeSpan.Zero, finished);
            return;
        }

        step(devices[index], index, () => Chain(devices, index + 1, step, finished));
    }

    private void State(string lane, string label) => recorder.Mark(lane, time.GetUtcNow(), label);

    private void After(TimeSpan delay, Action action)
    {
        ITimer? timer = null;
        timer = time.CreateTimer(
            _ =>
            {
                lock (gate)
                {
                    timers.Remove(timer!);
                }

                action();
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        lock (gate)
        {
            timers.Add(timer);
        }

        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }
}
