using XenActors.Actor;

namespace XenActors.TestKit;

public abstract partial class TestKitBase
{
    /// <summary>Expects a message of type <typeparamref name="T"/> within the remaining time and returns it.</summary>
    public T ExpectMsg<T>(TimeSpan? duration = null, string? hint = null) => ExpectMsgWhere<T>(null, duration, hint);

    /// <summary>Expects a message equal to <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? duration = null, string? hint = null) where T : notnull =>
        ExpectMsgWhere<T>(m => Equals(m, expected), duration, hint ?? $"expected {expected}");

    /// <summary>Expects a message of type <typeparamref name="T"/> for which <paramref name="isMessage"/> holds.</summary>
    public T ExpectMsg<T>(Predicate<T> isMessage, TimeSpan? duration = null, string? hint = null) =>
        ExpectMsgWhere(isMessage, duration, hint);

    /// <summary>Expects a message of type <typeparamref name="T"/> and runs assertions on it.</summary>
    public T ExpectMsg<T>(Action<T> assertMessage, TimeSpan? duration = null)
    {
        var message = ExpectMsg<T>(duration);
        assertMessage(message);
        return message;
    }

    public T ExpectMsgFrom<T>(IActorRef sender, TimeSpan? duration = null)
    {
        var message = ExpectMsg<T>(duration);
        if (!Equals(LastSender, sender)) Fail($"expected {typeof(T).Name} from {sender} but it came from {LastSender}");
        return message;
    }

    private T ExpectMsgWhere<T>(Predicate<T>? isMessage, TimeSpan? duration, string? hint)
    {
        var max = RemainingOrDilated(duration);
        if (!TryReceiveOne(out var envelope, max))
        {
            Fail($"Timeout ({max.TotalMilliseconds:0} ms) while waiting for a message of type {typeof(T).Name}{Hint(hint)}");
        }
        if (envelope.Message is not T typed)
        {
            Fail($"expected a message of type {typeof(T).Name}{Hint(hint)} but received {Describe(envelope.Message)}");
            throw new InvalidOperationException(); // unreachable: Fail throws
        }
        if (isMessage is not null && !isMessage(typed)) Fail($"the {typeof(T).Name} received did not match{Hint(hint)}: {Describe(typed)}");
        return typed;
    }

    /// <summary>Expects that no message arrives for <paramref name="duration"/> (dilated; default 3 s).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var max = RemainingOrDilated(duration);
        if (TryReceiveOne(out var envelope, max)) Fail($"expected no message for {max.TotalMilliseconds:0} ms but received {Describe(envelope.Message)}");
    }

    /// <summary>Expects all of <paramref name="messages"/> in any order, and nothing else among the first N.</summary>
    public IReadOnlyList<T> ExpectMsgAllOf<T>(params T[] messages) where T : notnull => ExpectAllOf(null, messages);

    public IReadOnlyList<T> ExpectMsgAllOf<T>(TimeSpan max, params T[] messages) where T : notnull => ExpectAllOf(max, messages);

    private IReadOnlyList<T> ExpectAllOf<T>(TimeSpan? duration, T[] messages) where T : notnull
    {
        var received = ReceiveN(messages.Length, duration).ToList();
        var missing = messages.ToList();
        var unexpected = new List<object>();
        foreach (var m in received)
        {
            var index = missing.FindIndex(x => Equals(x, m));
            if (index >= 0) missing.RemoveAt(index);
            else unexpected.Add(m);
        }
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            Fail($"ExpectMsgAllOf: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected.Select(Describe))}]");
        }
        return received.Cast<T>().ToList();
    }

    /// <summary>Expects one message equal to any of <paramref name="messages"/>.</summary>
    public T ExpectMsgAnyOf<T>(params T[] messages) where T : notnull =>
        ExpectMsgWhere<T>(m => messages.Contains(m), null, $"one of [{string.Join(", ", messages)}]");

    /// <summary>Expects the <see cref="Terminated"/> of <paramref name="target"/> (watch it first with <see cref="Watch"/>).</summary>
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? duration = null) =>
        ExpectMsgWhere<Terminated>(t => t.ActorRef.Equals(target), duration, $"Terminated of {target}");

    /// <summary>Receives exactly <paramref name="count"/> messages within the remaining time.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? duration = null)
    {
        var end = DateTime.UtcNow + RemainingOrDilated(duration);
        var result = new List<object>(count);
        while (result.Count < count)
        {
            if (!TryReceiveOne(out var envelope, end - DateTime.UtcNow))
            {
                Fail($"Timeout while waiting for message {result.Count + 1} of {count}; got [{string.Join(", ", result.Select(Describe))}]");
            }
            result.Add(envelope.Message);
        }
        return result;
    }

    /// <summary>Skips messages until one of type <typeparamref name="T"/> satisfies <paramref name="isMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isMessage, TimeSpan? duration = null, string? hint = null)
    {
        var end = DateTime.UtcNow + RemainingOrDilated(duration);
        var seen = new List<object>();
        while (true)
        {
            if (!TryReceiveOne(out var envelope, end - DateTime.UtcNow))
            {
                Fail($"FishForMessage timed out{Hint(hint)}; passed over [{string.Join(", ", seen.Select(Describe))}]");
            }
            if (envelope.Message is T typed && isMessage(typed)) return typed;
            seen.Add(envelope.Message);
        }
    }

    /// <summary>Receives messages while <paramref name="filter"/> returns a value (not default), up to <paramref name="maxMessages"/>.</summary>
    public IReadOnlyList<TOut> ReceiveWhile<TOut>(Func<object, TOut?> filter, TimeSpan? max = null, TimeSpan? idle = null, int maxMessages = int.MaxValue)
    {
        var end = DateTime.UtcNow + RemainingOrDilated(max);
        var result = new List<TOut>();
        while (result.Count < maxMessages)
        {
            var wait = end - DateTime.UtcNow;
            if (idle is { } i && i < wait) wait = Dilated(i);
            if (!TryReceiveOne(out var envelope, wait)) break;
            var mapped = filter(envelope.Message);
            if (mapped is null || EqualityComparer<TOut>.Default.Equals(mapped, default!))
            {
                // ReceiveWhile stops at the first message it does not want and leaves it first in line.
                PushBack(envelope);
                break;
            }
            result.Add(mapped);
        }
        return result;
    }

    public Task<T> ExpectMsgAsync<T>(TimeSpan? duration = null) => Task.Run(() => ExpectMsg<T>(duration));

    private static string Hint(string? hint) => hint is null ? "" : $" ({hint})";

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name}: {message}";
}
