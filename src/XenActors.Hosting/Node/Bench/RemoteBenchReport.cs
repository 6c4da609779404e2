// Plain report data, serialized to JSON by the CLI.
#pragma warning disable CA1819

namespace XenActors.Hosting.Node.Bench;

/// <summary>What <c>xenactors bench remote</c> prints.</summary>
public sealed record RemoteBenchReport(int RoundTripsPerRun, RemoteBenchRun[] Runs, string Note);

/// <summary>One pair count: actors over remoting vs the bare-socket floor with the same framing, same run.</summary>
public sealed record RemoteBenchRun(
    int Pairs,
    double MessagesPerSecond,
    double FloorMessagesPerSecond,
    double RatioToFloor,
    double P50RoundTripMicroseconds,
    double P99RoundTripMicroseconds,
    double FloorP50RoundTripMicroseconds,
    double BytesOnWirePerMessage);
