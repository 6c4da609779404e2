namespace XenActors.Actor;

/// <summary>A message on its way through a selection: delivered by the anchor's node to every match of the elements.</summary>
public sealed record ActorSelectionMessage(object Message, IReadOnlyList<string> Elements) : IAutoReceivedMessage;
