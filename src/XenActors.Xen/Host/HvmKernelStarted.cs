using XenActors.Actor;

namespace XenActors.Xen.Host;

/// <summary>The answer to <see cref="StartHvmKernel"/>: the guest kernel the device model raises ACPI events in.</summary>
public sealed record HvmKernelStarted(int Domid, IActorRef Kernel);
