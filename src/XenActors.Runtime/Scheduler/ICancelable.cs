namespace XenActors.Scheduler;

/// <summary>Something scheduled that can be called off.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }
    void Cancel();
}
