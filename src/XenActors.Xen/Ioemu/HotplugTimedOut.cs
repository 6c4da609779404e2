namespace XenActors.Xen.Ioemu;

/// <summary>ioemu to itself: the guest did not answer operation <paramref name="Operation"/> on a slot in time.</summary>
internal sealed record HotplugTimedOut(int Slot, long Operation);
