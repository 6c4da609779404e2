using XenActors.Actor;

namespace XenActors.Hosting.SplitHost;

/// <summary>One guest node as dom0's placement sees it: its launcher and the domain it runs (null: free).</summary>
internal sealed class GuestNode(IActorRef launcher)
{
    public IActorRef Launcher { get; } = launcher;

    /// <summary>The domain whose kernel (or, <see cref="IsStubDomain"/>, whose device model) runs here.</summary>
    public int? Domid { get; set; }

    public bool IsStubDomain { get; set; }

    public string Address => Launcher.Path.Address.ToString();
}
