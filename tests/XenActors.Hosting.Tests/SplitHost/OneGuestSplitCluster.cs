namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>A split host with one guest node (for the tests that kill a node).</summary>
public sealed class OneGuestSplitCluster() : SplitClusterFixture(1);
