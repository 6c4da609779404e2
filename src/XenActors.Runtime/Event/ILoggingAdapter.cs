namespace XenActors.Event;

/// <summary>An actor's logger (Akka's ILoggingAdapter): writes through Microsoft.Extensions.Logging and publishes LogEvents.</summary>
public interface ILoggingAdapter
{
    bool IsDebugEnabled { get; }
    void Debug(string message);
    void Info(string message);
    void Warning(string message);
    void Error(string message);
    void Error(Exception cause, string message);
}
