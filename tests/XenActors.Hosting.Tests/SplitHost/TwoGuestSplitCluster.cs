namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>A split host with two guest nodes.</summary>
public sealed class TwoGuestSplitCluster() : SplitClusterFixture(2);
