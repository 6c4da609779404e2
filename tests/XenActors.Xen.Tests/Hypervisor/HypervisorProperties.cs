using FsCheck;
using FsCheck.Fluent;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Xen.Tests.Hypervisor;

/// <summary>Random operation sequences must never break the model's structural invariants.</summary>
public class HypervisorProperties
{
    private static readonly PciAddress[] Functions =
    [
        PciAddress.Parse("00:1d.0"), PciAddress.Parse("00:1d.1"), PciAddress.Parse("03:00.0"), PciAddress.Parse("04:00.0"),
    ];

    private static Arbitrary<(int Op, int A, int B, int C)[]> Ops(int kinds) =>
        (from op in Gen.Choose(0, kinds - 1)
         from a in Gen.Choose(0, 4)
         from b in Gen.Choose(0, 4)
         from c in Gen.Choose(0, 9)
         select (op, a, b, c)).ArrayOf().ToArbitrary();

    [Fact]
    public void Random_event_channel_operations_keep_the_channel_table_consistent()
    {
        Prop.ForAll(Ops(10), ops =>
        {
            var host = new Host();
            var ids = new List<int> { 0 };
            for (var i = 0; i < 3; i++)
            {
                ids.Add(host.Guest($"g{i}", vcpus: 2, memoryMiB: 1, maxPort: 6));
            }

            var names = 3;
            foreach (var (op, a, b, c) in ops)
            {
                var caller = ids[a % ids.Count];
                var other = ids[b % ids.Count];
                _ = op switch
                {
                    0 => host.Xen.AllocUnbound(caller, DomainIds.Self, other).Errno,
                    1 => host.Xen.BindInterdomain(caller, other, c).Errno,
                    2 => host.Xen.Send(caller, c).Errno,
                    3 => host.Xen.Close(caller, c).Errno,
                    4 => host.Xen.BindIpi(caller, c % 3).Errno,
                    5 => host.Xen.BindVirq(caller, c % 3, b % 3).Errno,
                    6 => host.Xen.BindVcpu(caller, c, b % 3).Errno,
                    7 => host.Xen.Unmask(caller, c).Errno,
                    8 => host.Xen.AllocUnbound(0, other, caller).Errno,
                    _ => Recycle(host, ids, other, ref names),
                };

                var violations = host.Xen.CheckInvariants();
                if (violations.Count > 0)
                {
                    throw new InvalidOperationException($"after {(op, a, b, c)}: {string.Join("; ", violations)}");
                }

                AssertPeersPointBack(host, ids);
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_assign_and_deassign_sequences_keep_exactly_one_owner_per_function()
    {
        Prop.ForAll(Ops(7), ops =>
        {
            var host = new Host();
            foreach (var function in Functions)
            {
                host.Xen.RegisterDevice(function).ThrowIfFailed();
            }

            var ids = new List<int> { 0, DomainIds.Io };
            for (var i = 0; i < 3; i++)
            {
                ids.Add(host.Guest($"g{i}", memoryMiB: 1));
            }

            var names = 3;
            foreach (var (op, a, b, _) in ops)
            {
                var device = Functions[a % Functions.Length];
                var target = ids[b % ids.Count];
                var before = host.Xen.GetDevice(device).Value.Owner;
                var result = op switch
                {
                    0 or 1 => host.Xen.AssignDevice(device, target),
                    2 => host.Xen.DeassignDevice(device, target),
                    3 => host.Xen.ReleaseDeviceToHost(device),
                    4 => host.Xen.MapPirq(target, InterruptSource.ForMsi(device)).WithoutValue(),
                    5 => target is 0 or DomainIds.Io ? XenResult.Ok : host.Xen.Destroy(target),
                    _ => RecycleResult(host, ids, target, ref names),
                };

                var after = host.Xen.GetDevice(device).Value.Owner;
                if (!result.IsSuccess && op is 0 or 1 or 2 or 3 && after != before)
                {
                    throw new InvalidOperationException($"failed {(op, device, target)} changed the owner {before} → {after}");
                }

                var violations = host.Xen.CheckInvariants();
                if (violations.Count > 0)
                {
                    throw new InvalidOperationException($"after {(op, device, target)}: {string.Join("; ", violations)}");
                }

                var owners = host.Xen.Devices.Select(d => d.Owner).ToList();
                var listed = host.Xen.Domains.SelectMany(d => d.AssignedDevices).ToList();
                if (listed.Count != listed.Distinct().Count()
                    || owners.Count(o => o is not (0 or DomainIds.Io)) != listed.Count)
                {
                    throw new InvalidOperationException("a function is listed by zero or two domains");
                }
            }

            return true;
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>Destroys a guest and creates a fresh one in its slot of the id list.</summary>
    private static Errno Recycle(Host host, List<int> ids, int victim, ref int names)
    {
        if (victim is 0 or DomainIds.Io)
        {
            return Errno.None;
        }

        // The victim may already be gone (a Destroy op earlier in the sequence).
        var destroyed = host.Xen.Destroy(victim);
        if (!destroyed.IsSuccess && destroyed.Errno != Errno.ESRCH)
        {
            destroyed.ThrowIfFailed();
        }

        ids[ids.IndexOf(victim)] = host.Guest($"g{names++}", vcpus: 2, memoryMiB: 1, maxPort: 6);
        return Errno.None;
    }

    private static XenResult RecycleResult(Host host, List<int> ids, int victim, ref int names)
    {
        Recycle(host, ids, victim, ref names);
        return XenResult.Ok;
    }

    private static void AssertPeersPointBack(Host host, List<int> ids)
    {
        foreach (var id in ids.Where(i => i != DomainIds.Io))
        {
            var ports = host.Xen.OpenPorts(id);
            if (ports.Count != ports.Distinct().Count())
            {
                throw new InvalidOperationException($"domain {id} lists a port twice");
            }

            foreach (var port in ports)
            {
                var status = host.Xen.Status(0, id, port).Value;
                if (status.Status != EventChannelStatus.Interdomain)
                {
                    continue;
                }

                var back = host.Xen.Status(0, status.RemoteDomain!.Value, status.RemotePort!.Value).Value;
                if (back.Status != EventChannelStatus.Interdomain || back.RemoteDomain != id || back.RemotePort != port)
                {
                    throw new InvalidOperationException($"{id}:{port} → {status.RemoteDomain}:{status.RemotePort} does not point back");
                }
            }
        }
    }
}
