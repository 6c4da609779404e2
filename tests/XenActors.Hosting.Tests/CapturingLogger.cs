using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using XenActors.Hosting.XenStore;

namespace XenActors.Hosting.Tests;

/// <summary>Keeps every log line so tests can check that a dropped client was logged.</summary>
public sealed class CapturingLogger : ILogger<XenStoreServer>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)}");
    }
}
