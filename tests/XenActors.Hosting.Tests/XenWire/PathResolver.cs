using System.Collections.Concurrent;
using XenActors.Actor;
using XenActors.Remote.Serialization;

namespace XenActors.Hosting.Tests.XenWire;

/// <summary>Refs by path, for serializing without remoting: what the registry hands the JSON ref converter.</summary>
internal sealed class PathResolver : IActorRefResolver
{
    private readonly ConcurrentDictionary<string, IActorRef> _known = new(StringComparer.Ordinal);

    public string ToSerializedPath(IActorRef actorRef)
    {
        var path = actorRef.Path.ToSerializationFormat();
        _known[path] = actorRef;
        return path;
    }

    public IActorRef Resolve(string serializedPath) =>
        _known.TryGetValue(serializedPath, out var r) ? r : throw new InvalidOperationException($"unknown ref {serializedPath}");
}
