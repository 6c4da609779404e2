namespace XenActors.Benchmarks.Hotplug;

/// <summary>A PV guest of the benchmark and the one function it cycles (the BDF as xm writes it).</summary>
internal sealed record BenchGuest(int Domid, string Bdf);
