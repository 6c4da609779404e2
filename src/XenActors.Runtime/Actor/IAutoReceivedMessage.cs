namespace XenActors.Actor;

/// <summary>Messages the runtime handles for every actor before its own behaviour sees them.</summary>
public interface IAutoReceivedMessage;
