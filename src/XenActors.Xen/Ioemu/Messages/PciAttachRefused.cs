using XenActors.Xen.Hvm;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>ioemu → xend: nothing was attached and nothing changed. <see cref="XmOutput"/> is what xm prints.</summary>
public sealed record PciAttachRefused(string Reason, HotplugTrail Trail)
{
    public string XmOutput => $"Error: {Reason}";
}
