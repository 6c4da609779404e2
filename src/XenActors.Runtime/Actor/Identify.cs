namespace XenActors.Actor;

/// <summary>Every actor answers with <see cref="ActorIdentity"/>; a selection that matches nothing answers with a null ref.</summary>
public sealed record Identify(object? MessageId) : IAutoReceivedMessage;
