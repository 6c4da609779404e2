namespace XenActors.Actor;

/// <summary>A behaviour: returns true if it handled the message.</summary>
public delegate bool Receive(object message);
