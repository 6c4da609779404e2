using Microsoft.Extensions.Configuration;
using XenActors.Actor;
using XenActors.Configuration;
using XenActors.Event;
using Xunit.Abstractions;

namespace XenActors.TestKit;

/// <summary>
/// Base class for xunit actor tests (Akka.TestKit.Xunit2's TestKit): owns an ActorSystem for one test and
/// terminates it afterwards; <see cref="TestActor"/> is the implicit sender; warnings and errors go to the test output.
/// </summary>
public abstract class TestKit : TestKitBase, IDisposable
{
    private readonly IDisposable? _logSubscription;
    private bool _disposed;

    protected TestKit(ITestOutputHelper? output = null, ActorSystemSetup? setup = null, string systemName = "test")
        : base(ActorSystem.Create(systemName, WithAskTimeout(setup ?? new ActorSystemSetup())))
    {
        Output = output;
        EventFilter = new EventFilterFactory(this);
        if (output is not null)
        {
            _logSubscription = Sys.EventStream.Subscribe<LogEvent>(e =>
            {
                if (e.Level < Microsoft.Extensions.Logging.LogLevel.Warning) return;
                try { output.WriteLine(e.ToString()); }
                catch (InvalidOperationException) { } // the test already finished
            });
        }
    }

    protected TestKit(IConfiguration configuration, ITestOutputHelper? output = null)
        : this(output, new ActorSystemSetup { Configuration = configuration }) { }

    /// <summary>
    /// The setup's settings, with <see cref="TestKitSettings.AskTimeout"/> (dilated) where they name no Ask timeout.
    /// Settings given directly in the setup are completed in place.
    /// </summary>
    private static ActorSystemSetup WithAskTimeout(ActorSystemSetup setup)
    {
        var settings = setup.ResolveSettings();
        if (settings.AskTimeout is null)
        {
            var defaults = new TestKitSettings();
            settings.AskTimeout = defaults.Dilated(defaults.AskTimeout);
        }
        return setup with { Settings = settings };
    }

    protected ITestOutputHelper? Output { get; }

    public EventFilterFactory EventFilter { get; }

    /// <summary>Terminates the system, waiting up to the default timeout.</summary>
    protected virtual void AfterAll()
    {
        if (!Sys.Terminate().Wait(Dilated(TestKitSettings.DefaultTimeout)))
        {
            Output?.WriteLine("warning: actor system did not terminate in time");
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing) return;
        _disposed = true;
        AfterAll();
        _logSubscription?.Dispose();
    }
}
