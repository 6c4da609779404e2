namespace XenActors.Xen.Hypervisor;

/// <summary>Where one raised interrupt went: domain, pirq, vCPU, event-channel port (0 if injected), and whether it was redirected.</summary>
public readonly record struct InterruptDelivery(int Domain, int Pirq, int Vcpu, int Port, bool Redirected);
