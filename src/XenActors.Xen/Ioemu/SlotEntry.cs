using XenActors.Xen.Ioemu.Messages;

namespace XenActors.Xen.Ioemu;

/// <summary>One occupied virtual slot: its functions in attach order (virtual function 0 last) and where hot-plug stands.</summary>
internal sealed class SlotEntry(int slot, IReadOnlyList<PassThroughDevice> functions, IReadOnlyList<string> warnings)
{
    public int Slot { get; } = slot;

    public IReadOnlyList<PassThroughDevice> Functions { get; } = functions;

    public IReadOnlyList<string> Warnings { get; } = warnings;

    public SlotState State { get; set; } = SlotState.Attaching;

    public string HostText => string.Join(", ", Functions.OrderBy(f => f.Host.Address).Select(f => f.Host.Address));
}
