using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using XenActors.Dispatch;

namespace XenActors.Configuration;

/// <summary>
/// Everything an actor system is built from. Clock, dispatcher and logging are injected so that a deterministic
/// run (one thread, virtual time) is only a different setup, never a different code path.
/// </summary>
public sealed record ActorSystemSetup
{
    public IConfiguration Configuration { get; init; } = new ConfigurationBuilder().Build();
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
    public MessageDispatcher? Dispatcher { get; init; }

    /// <summary>Settings bound from <see cref="Configuration"/>; set directly to bypass configuration.</summary>
    public ActorSettings? Settings { get; init; }

    internal ActorSettings ResolveSettings()
    {
        var settings = Settings;
        if (settings is null)
        {
            try
            {
                settings = Configuration.GetSection(ActorSettings.Section).Get<ActorSettings>() ?? new ActorSettings();
            }
            catch (InvalidOperationException ex)
            {
                // The binder's message names the key and the value it could not convert.
                throw new XenActors.Actor.ConfigurationException(ex.Message, ex);
            }
        }
        settings.Validate();
        return settings;
    }
}
