using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using XenActors.Actor;
using XenActors.Xen.Hvm;
using XenActors.Xen.Hypervisor;
using XenActors.Xen.Pci;
using XenActors.Xen.Protocol;

namespace XenActors.Hosting.Tests.XenWire;

/// <summary>
/// Builds a sample of any message type by reflection: the widest public constructor with a non-default value for
/// every parameter, then every public init/set property set too, so a field the wire drops shows up as a difference.
/// </summary>
internal sealed class WireSamples(IActorRef someActor)
{
    public object Of(Type type) => Of(type, depth: 0);

    private object Of(Type type, int depth)
    {
        if (depth > 6) throw new InvalidOperationException($"sample of {type} nests too deep");
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return Of(underlying, depth);
        if (type == typeof(string)) return "s-" + depth + "/é\"x";
        if (type == typeof(int)) return 7 + depth;
        if (type == typeof(uint)) return 9u + (uint)depth;
        if (type == typeof(long)) return 5_000_000_000L + depth;
        if (type == typeof(ulong)) return 0xfee0_0000_0000UL + (ulong)depth;
        if (type == typeof(ushort)) return (ushort)0x8086;
        if (type == typeof(byte)) return (byte)3;
        if (type == typeof(bool)) return true;
        if (type == typeof(TimeSpan)) return TimeSpan.FromMilliseconds(1500);
        if (type == typeof(byte[])) return new byte[] { 0, 1, 0xff, 42 };
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1)!;
        if (typeof(IActorRef).IsAssignableFrom(type)) return someActor;
        if (type == typeof(PciAddress)) return new PciAddress(0, 3, 0x1d, 2);
        if (type == typeof(PciAddress)) return new PciAddress(0, 3, 0x1d, 2);
        if (type == typeof(HotplugTrail))
        {
            return HotplugTrail.Start(HotplugParticipant.Xm, HotplugParticipant.Xend, "xm pci-attach")
                .Then(HotplugParticipant.Ioemu, HotplugParticipant.GuestKernel, "GPE bit 1");
        }
        if (type == typeof(XenError)) return new XenError(Errno.ESRCH, "no domain 9") { GrantStatus = GrantStatus.BadDomain };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlySet<>))
        {
            return Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(type.GetGenericArguments()), ListOf(type.GetGenericArguments()[0], depth))!;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableList<>))
        {
            var create = typeof(ImmutableList).GetMethods().Single(m => m.Name == nameof(ImmutableList.CreateRange));
            return create.MakeGenericMethod(type.GetGenericArguments()).Invoke(null, [ListOf(type.GetGenericArguments()[0], depth)])!;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var g && (g == typeof(IReadOnlyList<>) || g == typeof(List<>) || g == typeof(IEnumerable<>)))
        {
            return ListOf(type.GetGenericArguments()[0], depth);
        }
        return Construct(type, depth);
    }

    private IList ListOf(Type element, int depth)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        list.Add(Of(element, depth + 1));
        return list;
    }

    private object Construct(Type type, int depth)
    {
        var ctor = type.GetConstructors().Where(c => !IsCopyConstructor(c, type)).MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{type} has no public constructor to build a sample with");
        var instance = ctor.Invoke([.. ctor.GetParameters().Select(p => Of(p.ParameterType, depth + 1))]);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true } && ctor.GetParameters().All(p => !string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                property.SetValue(instance, Of(property.PropertyType, depth + 1));
            }
        }
        return instance;
    }

    private static bool IsCopyConstructor(ConstructorInfo c, Type type) => c.GetParameters() is [var only] && only.ParameterType == type;
}
