namespace XenActors.Actor;

/// <summary>Marks messages that do not reset the receive timeout (heartbeats, ticks).</summary>
public interface INotInfluenceReceiveTimeout;
