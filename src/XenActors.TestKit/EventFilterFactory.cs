using Microsoft.Extensions.Logging;
using XenActors.Actor;
using XenActors.Event;

namespace XenActors.TestKit;

/// <summary>Builds filters for expected log events and dead letters (Akka's EventFilter).</summary>
public sealed class EventFilterFactory(TestKitBase testKit)
{
    /// <summary>An error logged with an exception of type <typeparamref name="T"/> (supervisors log failures this way).</summary>
    public EventFilterApplier Exception<T>(string? messageContains = null) where T : Exception =>
        new(testKit, $"exception {typeof(T).Name}", e => e is LogEvent { Cause: T cause } && Contains(cause.Message, messageContains));

    public EventFilterApplier Error(string? messageContains = null) => Level(LogLevel.Error, messageContains);

    public EventFilterApplier Warning(string? messageContains = null) => Level(LogLevel.Warning, messageContains);

    public EventFilterApplier Info(string? messageContains = null) => Level(LogLevel.Information, messageContains);

    /// <summary>A dead letter whose message is of type <typeparamref name="T"/>.</summary>
    public EventFilterApplier DeadLetter<T>(Predicate<T>? isMessage = null) =>
        new(testKit, $"dead letter {typeof(T).Name}", e => e is DeadLetter { Message: T m } && (isMessage is null || isMessage(m)));

    public EventFilterApplier DeadLetter() => new(testKit, "dead letter", e => e is DeadLetter);

    private EventFilterApplier Level(LogLevel level, string? contains) =>
        new(testKit, $"{level} log", e => e is LogEvent l && l.Level == level && Contains(l.Message, contains));

    private static bool Contains(string text, string? part) => part is null || text.Contains(part, StringComparison.Ordinal);
}

/// <summary>Runs code and asserts how many matching events it caused.</summary>
public sealed class EventFilterApplier(TestKitBase testKit, string description, Func<object, bool> matches)
{
    public void ExpectOne(Action action) => Expect(1, action);

    /// <summary>
    /// Runs <paramref name="action"/>, then waits (up to the dilated filter leeway) for <paramref name="count"/>
    /// matching events; fails if fewer arrive, or more had arrived by then.
    /// </summary>
    public void Expect(int count, Action action)
    {
        var seen = 0;
        using (Subscribe(() => Interlocked.Increment(ref seen)))
        {
            action();
            var leeway = testKit.Dilated(testKit.TestKitSettings.FilterLeeway);
            var end = DateTime.UtcNow + leeway;
            while (Volatile.Read(ref seen) < count && DateTime.UtcNow < end) Thread.Sleep(10);
        }
        if (seen != count) Xunit.Assert.Fail($"expected {count} {description} event(s) but saw {seen}");
    }

    public async Task ExpectOneAsync(Func<Task> action)
    {
        var seen = 0;
        using (Subscribe(() => Interlocked.Increment(ref seen)))
        {
            await action().ConfigureAwait(false);
            var end = DateTime.UtcNow + testKit.Dilated(testKit.TestKitSettings.FilterLeeway);
            while (Volatile.Read(ref seen) < 1 && DateTime.UtcNow < end) await Task.Delay(10).ConfigureAwait(false);
        }
        if (seen != 1) Xunit.Assert.Fail($"expected 1 {description} event but saw {seen}");
    }

    /// <summary>Counts matching events until disposed (they are still published; this only makes them expected).</summary>
    public IDisposable Mute() => Subscribe(() => { });

    private IDisposable Subscribe(Action onMatch)
    {
        var stream = testKit.Sys.EventStream;
        var logs = stream.Subscribe<LogEvent>(e => { if (matches(e)) onMatch(); });
        var letters = stream.Subscribe<DeadLetter>(e => { if (matches(e)) onMatch(); });
        return new Both(logs, letters);
    }

    private sealed class Both(IDisposable a, IDisposable b) : IDisposable
    {
        public void Dispose()
        {
            a.Dispose();
            b.Dispose();
        }
    }
}
