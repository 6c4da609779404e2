namespace XenActors.Configuration;

/// <summary>
/// The runtime's settings, bound from the <c>xenactors:actor</c> section of the configuration (JSON, environment,
/// command line — Microsoft.Extensions.Configuration stands in for Akka's HOCON). Defaults are Akka's.
/// </summary>
public sealed class ActorSettings
{
    public const string Section = "xenactors:actor";

    /// <summary>Messages per mailbox run before the thread is yielded (Akka: throughput = 30).</summary>
    public int Throughput { get; set; } = 30;

    /// <summary>Default Ask timeout; null waits forever (Akka: ask-timeout = infinite).</summary>
    public TimeSpan? AskTimeout { get; set; }

    /// <summary>How many dead letters are logged before logging stops (0 = none); all are always published.</summary>
    public int LogDeadLetters { get; set; } = 10;

    /// <summary>Log dead letters while the system is shutting down.</summary>
    public bool LogDeadLettersDuringShutdown { get; set; }

    /// <summary>Per-phase timeout of coordinated shutdown (Akka: 5 s).</summary>
    public TimeSpan ShutdownPhaseTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks every value; the error names the key, so a wrong config stops the node with a useful message.</summary>
    public void Validate()
    {
        if (Throughput is < 1 or > 100_000) throw Bad("throughput", Throughput, "an integer from 1 to 100000");
        if (AskTimeout is { } t && t <= TimeSpan.Zero) throw Bad("askTimeout", t, "a positive duration such as 00:00:05, or absent for no timeout");
        if (LogDeadLetters < 0) throw Bad("logDeadLetters", LogDeadLetters, "0 or more");
        if (ShutdownPhaseTimeout <= TimeSpan.Zero) throw Bad("shutdownPhaseTimeout", ShutdownPhaseTimeout, "a positive duration");
    }

    private static XenActors.Actor.ConfigurationException Bad(string key, object value, string expected) =>
        new($"{Section}:{key} is '{value}': expected {expected}.");
}
