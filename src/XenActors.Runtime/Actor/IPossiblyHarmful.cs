namespace XenActors.Actor;

/// <summary>Marks messages that remote peers must not be able to send (as Akka's IPossiblyHarmful).</summary>
public interface IPossiblyHarmful;
