namespace XenActors.Actor;

/// <summary>"It has finished" with no other content (Akka's Done).</summary>
public sealed class Done
{
    public static readonly Done Instance = new();
    private Done() { }
}
