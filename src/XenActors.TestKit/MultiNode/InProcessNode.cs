using XenActors.Actor;
using XenActors.Remote;

namespace XenActors.TestKit.MultiNode;

/// <summary>One node of an <see cref="InProcessCluster"/>: its own actor system, remoting on a real loopback port, and cluster.</summary>
public sealed class InProcessNode(int index, ActorSystem system, XenActors.Cluster.Cluster cluster)
{
    public int Index { get; } = index;
    public ActorSystem System { get; } = system;
    public XenActors.Cluster.Cluster Cluster { get; } = cluster;
    public Remoting Remote => Cluster.Remoting;
    public Address Address => Cluster.SelfAddress;
    public int Port => Address.Port!.Value;
    public bool IsRunning => !System.WhenTerminated.IsCompleted;

    public override string ToString() => $"node{Index}({Address})";
}
