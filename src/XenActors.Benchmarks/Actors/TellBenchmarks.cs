using BenchmarkDotNet.Attributes;
using XenActors.Actor;

namespace XenActors.Benchmarks.Actors;

/// <summary>
/// BenchmarkDotNet view of the hot path: a ping-pong of a preallocated message against the bare-channel floor,
/// with allocations per operation. Run: <c>dotnet run -c Release --project src/XenActors.Benchmarks -- --filter *Tell*</c>.
/// </summary>
[MemoryDiagnoser]
public class TellBenchmarks
{
    private const int RoundTrips = 10_000;
    private ActorSystem _system = null!;

    [GlobalSetup]
    public void Setup() => _system = ActorSystem.Create("bdn");

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait();

    [Benchmark(Baseline = true, OperationsPerInvoke = RoundTrips * 2)]
    public Task<double> ChannelFloor() => Actors.ChannelFloor.PingPongAsync(1, RoundTrips);

    [Benchmark(OperationsPerInvoke = RoundTrips * 2)]
    public Task<double> ActorPingPong() => ActorBench.ActorPingPongAsync(_system, 1, RoundTrips);
}
