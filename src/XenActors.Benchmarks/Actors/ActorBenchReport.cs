namespace XenActors.Benchmarks.Actors;

/// <summary>What <c>xenactors bench actors</c> prints. Ratios compare against floors measured in the same run.</summary>
public sealed record ActorBenchReport
{
    public required int Cores { get; init; }
    public required IReadOnlyList<PingPongResult> PingPong { get; init; }
    public required LatencyResult Ask { get; init; }
    public required SpawnResult Spawn { get; init; }
    public required double BytesAllocatedPerMessage { get; init; }
    public required double TotalSeconds { get; init; }
}

public sealed record PingPongResult(int Pairs, long Messages, double ActorMessagesPerSecond, double ChannelFloorMessagesPerSecond)
{
    /// <summary>Actor throughput as a fraction of the bare-channel floor (goal: at least 1/3).</summary>
    public double RatioToFloor => ChannelFloorMessagesPerSecond == 0 ? 0 : ActorMessagesPerSecond / ChannelFloorMessagesPerSecond;
}

public sealed record LatencyResult(int Samples, double P50Microseconds, double P99Microseconds, double FloorP50Microseconds);

public sealed record SpawnResult(int Actors, double SpawnSeconds, double StopSeconds)
{
    public double TotalSeconds => SpawnSeconds + StopSeconds;
}
