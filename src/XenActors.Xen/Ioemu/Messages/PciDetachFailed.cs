using XenActors.Xen.Hvm;

namespace XenActors.Xen.Ioemu.Messages;

/// <summary>ioemu → xend: the device is still attached and working; <see cref="Reason"/> says why.</summary>
public sealed record PciDetachFailed(string Reason, HotplugTrail Trail)
{
    public string XmOutput => $"Error: {Reason}";
}
