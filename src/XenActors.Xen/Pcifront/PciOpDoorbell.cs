namespace XenActors.Xen.Pcifront;

/// <summary>
/// pcifront waits for pciback's notification of a finished pci-op here. The wait lives outside the
/// pcifront actor's mailbox (which is busy awaiting it); the event-channel latch rings it.
/// </summary>
internal sealed class PciOpDoorbell
{
    private TaskCompletionSource<bool>? _pending;

    /// <summary>Arms the bell before the request is sent; the task is true when rung, false on time-out.</summary>
    public Task<bool> Arm()
    {
        var tcs = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pending, tcs);
        return tcs.Task;
    }

    public void Ring() => Interlocked.Exchange(ref _pending, null)?.TrySetResult(true);

    public void TimeOut(Task<bool> armed)
    {
        var current = Volatile.Read(ref _pending);
        if (current is not null && ReferenceEquals(current.Task, armed) && Interlocked.CompareExchange(ref _pending, null, current) == current)
            current.TrySetResult(false);
    }
}
