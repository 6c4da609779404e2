namespace XenActors.Xen.Hvm;

/// <summary>One step of an attach or detach: who told whom what.</summary>
public sealed record HotplugHop(HotplugParticipant From, HotplugParticipant To, string Event)
{
    public override string ToString() => $"{From} → {To}: {Event}";
}
