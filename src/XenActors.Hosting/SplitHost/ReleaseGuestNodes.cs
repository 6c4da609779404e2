namespace XenActors.Hosting.SplitHost;

/// <summary>The create that held nodes has finished: what it did not place is free again.</summary>
public sealed record ReleaseGuestNodes
{
    public static ReleaseGuestNodes Instance { get; } = new();
}
