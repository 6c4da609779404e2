using XenActors.Dispatch;

namespace XenActors.Xen.Tests.Drill;

/// <summary>The drill specs' name for a deterministic system (one thread, virtual time).</summary>
public sealed class VirtualWorld(string name = "drill") : DeterministicSystem(name);
