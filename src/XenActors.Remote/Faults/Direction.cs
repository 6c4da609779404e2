namespace XenActors.Remote.Faults;

/// <summary>Which way a fault applies, seen from this node (Akka TestConductor's ThrottleMode direction).</summary>
public enum Direction
{
    Send,
    Receive,
    Both,
}
