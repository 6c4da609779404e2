using System.Linq.Expressions;
using System.Reflection;
using XenActors.Dispatch;

namespace XenActors.Actor;

/// <summary>
/// An immutable recipe for an actor (Akka's Props). Reusable: the same Props can create any number of actors,
/// and a restart uses it again to make the fresh instance.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type type, Func<ActorBase> factory, MessageDispatcher? dispatcher)
    {
        Type = type;
        _factory = factory;
        Dispatcher = dispatcher;
    }

    public Type Type { get; }

    /// <summary>A dispatcher for this actor only; null uses the system's.</summary>
    public MessageDispatcher? Dispatcher { get; }

    /// <summary><c>Props.Create(() => new Pciback(domid))</c>: the arguments are evaluated now, once, as in Akka.</summary>
    public static Props Create<TActor>(Expression<Func<TActor>> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (factory.Body is NewExpression { Constructor: { } ctor } newExpression)
        {
            var args = newExpression.Arguments.Select(Evaluate).ToArray();
            return new Props(typeof(TActor), () => Construct(ctor, args), null);
        }
        var compiled = factory.Compile();
        return new Props(typeof(TActor), () => compiled(), null);
    }

    /// <summary>Creates <typeparamref name="TActor"/> through the constructor that fits <paramref name="args"/>.</summary>
    public static Props Create<TActor>(params object?[] args) where TActor : ActorBase => Create(typeof(TActor), args);

    public static Props Create(Type type, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(ActorBase).IsAssignableFrom(type) || type.IsAbstract)
        {
            throw new ArgumentException($"{type.Name} is not a concrete actor type (derive from ReceiveActor or UntypedActor).", nameof(type));
        }
        if (args.Length == 0 && type.GetConstructor(Type.EmptyTypes) is { } parameterless)
        {
            return new Props(type, () => Construct(parameterless, []), null);
        }
        return new Props(type, () => Unwrap(() => Activator.CreateInstance(type, args)!), null);
    }

    /// <summary>A factory delegate, for hot paths that spawn many actors.</summary>
    public static Props FromFactory<TActor>(Func<TActor> factory) where TActor : ActorBase =>
        new(typeof(TActor), factory, null);

    public Props WithDispatcher(MessageDispatcher dispatcher) => new(Type, _factory, dispatcher);

    internal ActorBase NewActor() => _factory();

    private static object? Evaluate(Expression expression) => expression switch
    {
        ConstantExpression c => c.Value,
        _ => Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)(),
    };

    private static ActorBase Construct(ConstructorInfo ctor, object?[] args) => Unwrap(() => ctor.Invoke(args));

    /// <summary>Reflection wraps constructor exceptions; supervision should see the actor's own exception.</summary>
    private static ActorBase Unwrap(Func<object> create)
    {
        try
        {
            return (ActorBase)create();
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }

    public override string ToString() => $"Props({Type.Name})";
}
