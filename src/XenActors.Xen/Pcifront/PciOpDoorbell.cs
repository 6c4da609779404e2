namespace XenActors.Xen.Pcifront;

/// <summary>
/// pcifront waits for pciback's notification of a finished pci-op here. The wait lives outside the
/// pcifront actor's mailbox (which is busy awaiting it); the event-channel latch rings it, handing over the
/// page as the upcall found it (null if the upcall carried none).
/// </summary>
internal sealed class PciOpDoorbell
{
    private TaskCompletionSource<(bool Rung, byte[]? Page)>? _pending;

    /// <summary>Arms the bell before the request is sent; Rung is true when rung, false on time-out.</summary>
    public Task<(bool Rung, byte[]? Page)> Arm()
    {
        var tcs = new TaskCompletionSource<(bool Rung, byte[]? Page)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pending, tcs);
        return tcs.Task;
    }

    public void Ring(byte[]? page) => Interlocked.Exchange(ref _pending, null)?.TrySetResult((true, page));

    public void TimeOut(Task<(bool Rung, byte[]? Page)> armed)
    {
        var current = Volatile.Read(ref _pending);
        if (current is not null && ReferenceEquals(current.Task, armed) && Interlocked.CompareExchange(ref _pending, null, current) == current)
            current.TrySetResult((false, null));
    }
}
