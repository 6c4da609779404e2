using XenActors.Actor;
using XenActors.Remote.Faults;
using XenActors.Remote.Serialization;
using static XenActors.Cluster.Control.ControlMessages;

namespace XenActors.Cluster.Control;

/// <summary>
/// A small actor in every node process that lets a multi-node test (or a drill) act on the node from outside:
/// answer pings (barriers) and switch transport faults at run time. Bad requests are answered with the reason.
/// </summary>
public sealed class NodeControl : ReceiveActor
{
    public const string Name = "node-control";

    public static Props Props(string nodeName) => Actor.Props.Create(() => new NodeControl(nodeName));

    public NodeControl(string nodeName)
    {
        var cluster = XenActors.Cluster.Cluster.Get(Context.System);
        Receive<Ping>(p => Sender.Tell(new Pong(p.Barrier, nodeName, cluster.SelfAddress.ToString(), Environment.ProcessId), Self));
        Receive<Fault>(f => Sender.Tell(Apply(cluster, f), Self));
    }

    private FaultApplied Apply(Cluster cluster, Fault fault)
    {
        if (!Address.TryParse(fault.Peer ?? "", out var peer, out var error))
        {
            Context.GetLogger().Warning($"refused fault {fault.Kind}: {error}");
            return new FaultApplied(fault.Kind, fault.Peer ?? "", error);
        }
        var faults = cluster.Remoting.Faults;
        try
        {
            switch (fault.Kind)
            {
                case "blackhole": faults.Blackhole(peer); break;
                case "send-drop": faults.Blackhole(peer, Direction.Send); break;
                case "receive-drop": faults.Blackhole(peer, Direction.Receive); break;
                case "sever": faults.Sever(peer); break;
                case "delay": faults.Delay(peer, TimeSpan.FromMilliseconds(fault.Value)); break;
                case "throttle": faults.Throttle(peer, Direction.Both, fault.Value); break;
                case "pass-through": faults.PassThrough(peer); break;
                default: return new FaultApplied(fault.Kind ?? "", fault.Peer ?? "", $"unknown fault kind '{fault.Kind}'");
            }
        }
        catch (ArgumentOutOfRangeException ex)
        {
            return new FaultApplied(fault.Kind, fault.Peer ?? "", ex.Message);
        }
        return new FaultApplied(fault.Kind, fault.Peer ?? "", null);
    }

    internal static void Register(SerializerRegistry registry)
    {
        var c = ControlJsonContext.Default;
        registry.RegisterJson("control.Ping", c.Ping);
        registry.RegisterJson("control.Pong", c.Pong);
        registry.RegisterJson("control.Fault", c.Fault);
        registry.RegisterJson("control.FaultApplied", c.FaultApplied);
    }
}
