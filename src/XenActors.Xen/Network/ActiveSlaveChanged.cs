namespace XenActors.Xen.Network;

/// <summary>Published by a bond when its active slave changes (null: no slave left, frames are dropped).</summary>
public sealed record ActiveSlaveChanged(string Mac, NicPath? From, NicPath? To, string Reason, DateTimeOffset At);
