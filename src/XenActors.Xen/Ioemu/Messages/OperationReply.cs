namespace XenActors.Xen.Ioemu.Messages;

/// <summary>A yes/no answer with the reason when no.</summary>
public sealed record OperationReply(bool Ok, string Message)
{
    public static OperationReply Done { get; } = new(true, "ok");
}
