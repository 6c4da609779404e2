using Microsoft.Extensions.Logging;

namespace XenActors.Event;

/// <summary>A log line as an event, so tests (EventFilter) and subscribers can see what actors logged.</summary>
public sealed record LogEvent(LogLevel Level, string LogSource, Type? LogClass, string Message, Exception? Cause = null)
{
    public DateTimeOffset Timestamp { get; init; }

    public override string ToString() =>
        Cause is null ? $"[{Level}] [{LogSource}] {Message}" : $"[{Level}] [{LogSource}] {Message}: {Cause.GetType().Name}: {Cause.Message}";
}
