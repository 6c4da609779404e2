namespace XenActors.Dispatch;

/// <summary>Work a mailbox run leaves for its end (remoting sends all a run wrote in one syscall).</summary>
internal interface IEndOfRunAction
{
    void AtEndOfRun();
}
