namespace XenActors.Xen.Protocol;

/// <summary>VIRQ_* numbers from <c>public/xen.h</c>; <see cref="VirqInfo.Count"/> is NR_VIRQS.</summary>
public enum Virq
{
    Timer = 0,
    Debug = 1,
    Console = 2,
    DomExc = 3,
    Tbuf = 4,
    Debugger = 6,
    Xenoprof = 7,
    ConRing = 8,
    PcpuState = 9,
    MemEvent = 10,
    Argo = 11,
    Enomem = 12,
    Xenpmu = 13,
    Arch0 = 16,
    Arch1 = 17,
    Arch2 = 18,
    Arch3 = 19,
    Arch4 = 20,
    Arch5 = 21,
    Arch6 = 22,
    Arch7 = 23,
}
