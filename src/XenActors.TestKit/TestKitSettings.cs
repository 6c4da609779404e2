using System.Globalization;

namespace XenActors.TestKit;

/// <summary>
/// Timing defaults (Akka.TestKit's): single expect 3 s, default timeout 5 s, filter leeway 3 s, all multiplied by
/// the time factor from <c>XENACTORS_TEST_TIMEFACTOR</c> so slow machines get more time without code changes.
/// </summary>
public sealed record TestKitSettings
{
    public const string TimeFactorVariable = "XENACTORS_TEST_TIMEFACTOR";

    public TimeSpan SingleExpectDefault { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan DefaultTimeout { get; init; } = TimeSpan.FromSeconds(5);
    // Only a failing expectation waits it out (a match ends the wait at once), so it can be generous: on a loaded
    // 2-core machine a remote handshake alone has taken longer than Akka's 3 s before its warning was logged.
    public TimeSpan FilterLeeway { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// What an Ask that names no timeout waits in a test system whose configuration sets none
    /// (<c>xenactors:actor:askTimeout</c>): a reply that never comes fails that test with AskTimeoutException instead of
    /// hanging the run until the runner's hang timeout. Generous: real-process set-ups take seconds on a loaded machine.
    /// </summary>
    public TimeSpan AskTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public double TimeFactor { get; init; } = ReadTimeFactor(Environment.GetEnvironmentVariable(TimeFactorVariable));

    /// <summary>Parses the factor; a bad value is an error that names the variable rather than a silent 1.0.</summary>
    public static double ReadTimeFactor(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 1.0;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0 && double.IsFinite(factor))
        {
            return factor;
        }
        throw new ArgumentException($"{TimeFactorVariable}='{text}' is not a positive number (e.g. 1.5)");
    }

    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));
}
