using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using XenActors.Actor;

namespace XenActors.Remote.Serialization;

/// <summary>
/// Every message type that crosses the wire is registered here with a stable manifest (Akka's
/// serialization-bindings, without reflection: types are bound explicitly, JSON uses source-generated type info).
/// An unknown type or manifest is a <see cref="MessageSerializationException"/> that says what is missing.
/// </summary>
public sealed partial class SerializerRegistry
{
    [ThreadStatic] private static SerializerRegistry? t_current;

    private readonly ConcurrentDictionary<Type, MessageBinding> _byType = new();
    private readonly ConcurrentDictionary<(int, string), MessageBinding> _byManifest = new();

    public SerializerRegistry(IActorRefResolver resolver)
    {
        Resolver = resolver;
        RegisterBuiltIns();
    }

    /// <summary>Used by serializers of messages that carry refs (JSON converter, Misc).</summary>
    public IActorRefResolver Resolver { get; }

    /// <summary>The registry serializing on this thread right now (for converters that need refs).</summary>
    internal static SerializerRegistry Current => t_current ?? throw new InvalidOperationException("no remote serialization in progress on this thread");

    public void Register<T>(int serializerId, string manifest, Action<T, IBufferWriter<byte>> write, Func<ReadOnlySpan<byte>, T> read)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(read);
        Add(new MessageBinding(typeof(T), serializerId, manifest, (o, w) => write((T)o, w), b => read(b)));
    }

    /// <summary>Binds <typeparamref name="T"/> to System.Text.Json with source-generated <paramref name="typeInfo"/>.</summary>
    public void RegisterJson<T>(string manifest, JsonTypeInfo<T> typeInfo) where T : notnull
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        Register<T>(SerializerIds.Json, manifest,
            (message, output) =>
            {
                using var writer = new Utf8JsonWriter(output);
                JsonSerializer.Serialize(writer, message, typeInfo);
            },
            bytes => JsonSerializer.Deserialize(bytes, typeInfo) ?? throw new MessageSerializationException($"manifest [{manifest}] decoded to null"));
    }

    private void Add(MessageBinding binding)
    {
        ArgumentException.ThrowIfNullOrEmpty(binding.Manifest);
        if (binding.SerializerId is < 1 or > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(binding), "serializer id must be positive");
        if (_byManifest.TryGetValue((binding.SerializerId, binding.Manifest), out var existing) && existing.Type != binding.Type)
        {
            throw new ArgumentException($"manifest [{binding.Manifest}] of serializer {binding.SerializerId} is already bound to {existing.Type.FullName}");
        }
        _byType[binding.Type] = binding;
        _byManifest[(binding.SerializerId, binding.Manifest)] = binding;
    }

    public bool IsRegistered(Type type) => _byType.ContainsKey(type);

    public MessageBinding BindingFor(Type type) =>
        _byType.TryGetValue(type, out var binding)
            ? binding
            : throw new MessageSerializationException($"no serializer is registered for message type [{type.FullName}]; register it with a stable manifest");

    /// <summary>Writes <paramref name="message"/> into <paramref name="output"/>; returns its binding.</summary>
    public MessageBinding Serialize(object message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        var binding = BindingFor(message.GetType());
        var outer = t_current;
        t_current = this;
        try
        {
            binding.Write(message, output);
        }
        finally
        {
            t_current = outer;
        }
        return binding;
    }

    public object Deserialize(int serializerId, string manifest, ReadOnlySpan<byte> bytes)
    {
        if (!_byManifest.TryGetValue((serializerId, manifest), out var binding))
        {
            throw new MessageSerializationException($"unknown manifest [{manifest}] for serializer {serializerId}: no message type is registered under it");
        }
        var outer = t_current;
        t_current = this;
        try
        {
            return binding.Read(bytes);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException or Wire.MalformedPduException or InvalidOperationException or NotSupportedException)
        {
            throw new MessageSerializationException($"payload of manifest [{manifest}] (serializer {serializerId}) does not decode: {ex.Message}", ex);
        }
        finally
        {
            t_current = outer;
        }
    }

    /// <summary>A nested payload (Identify's id, Status.Success's value): serializer id, manifest, length-prefixed bytes.</summary>
    public void WriteNested(object? message, IBufferWriter<byte> output)
    {
        if (message is null)
        {
            Wire.WireWriter.WriteInt32(output, 0);
            return;
        }
        var scratch = new ArrayBufferWriter<byte>();
        var binding = Serialize(message, scratch);
        Wire.WireWriter.WriteInt32(output, binding.SerializerId);
        Wire.WireWriter.WriteString(output, binding.Manifest);
        Wire.WireWriter.WriteBytes(output, scratch.WrittenSpan);
    }

    public object? ReadNested(ref Wire.WireReader reader)
    {
        var id = reader.ReadInt32();
        if (id == 0) return null;
        var manifest = reader.ReadRequiredString("nested manifest");
        return Deserialize(id, manifest, reader.ReadBytes());
    }

    internal IActorRef ResolveRef(string? path) => path is null ? ActorRefs.Nobody : Resolver.Resolve(path);
}
