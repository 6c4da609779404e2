namespace XenActors.Xen.Hvm;

/// <summary>How the guest's hot-plug driver behaves, for drills.</summary>
public enum GuestHotplugBehaviour
{
    Cooperative,

    /// <summary>The device is in use: eject requests are refused (_OST 0x81, or the attention button is ignored).</summary>
    RefuseEject,

    /// <summary>The guest scans but never acknowledges an insertion.</summary>
    IgnoreInsertion,
}
