using Microsoft.Extensions.Logging;
using XenActors.Configuration;
using XenActors.Xen.Ioemu;
using XenActors.Xen.Pci;
using XenActors.Xen.Pci.Building;
using XenActors.Xen.Tests.Ioemu.Support;

namespace XenActors.Xen.Tests.Ioemu;

/// <summary>The seed's improved ioemu log: date, time and pid on every line.</summary>
public sealed class IoemuLogSpec : TestKit.TestKit
{
    private readonly CapturingLoggerProvider logs;

    public IoemuLogSpec() : this(new CapturingLoggerProvider()) { }

    private IoemuLogSpec(CapturingLoggerProvider logs) : base(setup: new ActorSystemSetup { LoggerFactory = LoggerFactory.Create(b => b.AddProvider(logs)) }) => this.logs = logs;

    [Fact]
    public void Must_format_lines_like_the_seed()
    {
        Assert.Equal("[2008-11-21 16:10:05 4567] shared page at pfn 1ffe",
            IoemuLogFormat.Format(new DateTimeOffset(2008, 11, 21, 16, 10, 5, TimeSpan.Zero), 4567, "shared page at pfn 1ffe"));
    }

    [Fact]
    public async Task Must_log_every_ioemu_line_in_a_scope_carrying_pid_and_domid()
    {
        var rig = new HvmRig(Sys, new PciInventory([SyntheticDevices.UsbControllerSet(nonPageAlignedMmioBar: true)]));
        await rig.Attach(new PciAddress(0, 0, 0x1d, 0), 5);

        var lines = logs.Entries.Where(e => e.Category == "XenActors.Xen.Ioemu").ToList();
        Assert.Contains(lines, e => e.Message == "pci-ins 0000:00:1d.0 refused: pci: 0000:00:1d.0: non-page-aligned MMIO BAR found.");
        Assert.All(lines, e =>
        {
            Assert.Equal(Environment.ProcessId, e.Scope[IoemuLogFormat.PidScopeKey]);
            Assert.Equal(rig.GuestDomid, e.Scope[IoemuLogFormat.DomidScopeKey]);
            Assert.Equal("dom0", e.Scope[IoemuLogFormat.DeviceModelScopeKey]);
            Assert.DoesNotContain('\n', e.Message);
        });
    }
}
