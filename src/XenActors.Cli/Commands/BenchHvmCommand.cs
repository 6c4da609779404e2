using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using XenActors.Actor;
using XenActors.Hosting.Node.Bench;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Ioemu.Messages;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Protocol;

namespace XenActors.Cli.Commands;

/// <summary>
/// <c>xenactors bench hvm</c>: guest config reads and writes per second through one ioemu actor
/// (sequential round trips, as a guest vCPU issues them), and ACPI hot-plug attach latency p50/p99
/// through the whole chain (ioemu → hypervisor → virtual BIOS → guest kernel → back). JSON on stdout.
/// </summary>
public static class BenchHvmCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static Command Create()
    {
        var accesses = new Option<int>("--accesses") { Description = "Config reads (and as many writes) to time", DefaultValueFactory = _ => 100_000 };
        var attaches = new Option<int>("--attaches") { Description = "Attach/detach cycles to time", DefaultValueFactory = _ => 500 };
        var command = new Command("hvm", "ioemu config reads/writes per second and HVM attach p50/p99");
        command.Options.Add(accesses);
        command.Options.Add(attaches);
        command.SetAction(async (parse, _) =>
        {
            var n = parse.GetValue(accesses);
            var cycles = parse.GetValue(attaches);
            if (n is < 1_000 or > 100_000_000 || cycles is < 10 or > 1_000_000)
            {
                await Console.Error.WriteLineAsync("xenactors bench hvm: --accesses must be 1000-100000000 and --attaches 10-1000000").ConfigureAwait(false);
                return 2;
            }

            var report = await RunAsync(n, cycles).ConfigureAwait(false);
            Console.WriteLine(JsonSerializer.Serialize(report, Json));
            return 0;
        });
        return command;
    }

    private static async Task<object> RunAsync(int accesses, int cycles)
    {
        using var system = ActorSystem.Create("bench-hvm");
        var xen = new XenHypervisor();
        var platform = new DirectHypervisorPlatform(xen);
        var guest = xen.CreateDomain(new DomainConfig("bench-guest") { Type = DomainType.Hvm, Vcpus = 2, MemoryMiB = 64 }).Value;
        xen.Unpause(guest).ThrowIfFailed();
        var inventory = new PciInventory([SyntheticDevices.SimpleNic()]);
        var nic = inventory.Functions[0];
        var address = new PciAddress(0, 0, 4, 0);
        xen.RegisterDevice(address, (int)nic.Read(PciConfigRegisters.InterruptLine, 1)).ThrowIfFailed();
        xen.AssignDevice(address, DomainIds.Io).ThrowIfFailed();
        var kernel = system.ActorOf(Props.Create(() => new GuestKernelActor(null)), "guest");
        var ioemu = system.ActorOf(Props.Create(() => new IoemuActor(new IoemuOptions(guest), platform, inventory, kernel)), "ioemu");
        var trail = HotplugTrail.Start(HotplugParticipant.Xm, HotplugParticipant.Xend, "bench");

        var latencies = new List<double>(cycles);
        for (var i = 0; i < cycles; i++)
        {
            var watch = Stopwatch.StartNew();
            var attached = await ioemu.Ask(new PciAttach([new PassThroughFunction(nic.Address, 0)], 4, trail), Wait).ConfigureAwait(false);
            latencies.Add(watch.Elapsed.TotalMicroseconds);
            if (attached is not PciAttachCompleted) throw new InvalidOperationException($"attach failed: {attached}");
            if (i < cycles - 1) await ioemu.Ask<PciDetachCompleted>(new PciDetach(4, trail), Wait).ConfigureAwait(false);
        }

        var device = new PciAddress(0, 0, 4, 0);
        var reads = Stopwatch.StartNew();
        for (var i = 0; i < accesses; i++) await ioemu.Ask<ConfigAccessReply>(new GuestConfigRead(device, 4 * (i % 16), 4), Wait).ConfigureAwait(false);
        reads.Stop();
        var writes = Stopwatch.StartNew();
        for (var i = 0; i < accesses; i++) await ioemu.Ask<ConfigAccessReply>(new GuestConfigWrite(device, PciConfigRegisters.LatencyTimer, 1, (uint)i & 0xff), Wait).ConfigureAwait(false);
        writes.Stop();

        return new
        {
            ConfigReadsPerSecond = accesses / reads.Elapsed.TotalSeconds,
            ConfigWritesPerSecond = accesses / writes.Elapsed.TotalSeconds,
            Attaches = cycles,
            AttachP50Microseconds = Percentiles.Of(latencies, 0.50),
            AttachP99Microseconds = Percentiles.Of(latencies, 0.99),
        };
    }
}
