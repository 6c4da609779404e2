using Microsoft.Extensions.Configuration;
using XenActors.Actor;
using XenActors.Xen.Hvm;

namespace XenActors.Hosting.XenHost;

/// <summary>
/// <c>xenactors:xen</c>: the emulated Xen host a node with the role <see cref="Role"/> runs. Bound up front like the
/// other sections, so a bad inventory path stops the node with exit code 2 instead of failing at the first xm command.
/// </summary>
public sealed class XenHostOptions
{
    public const string Section = "xenactors:xen";

    /// <summary>The cluster role that makes a node run one Xen host (hypervisor, xenstored, xend, pciback).</summary>
    public const string Role = "host";

    /// <summary>Unix socket for the real xenstore tools (XENSTORED_PATH); null serves no socket.</summary>
    public string? XenstoreSocket { get; set; }

    /// <summary>PCI inventory JSON (see config/inventory.sample.json); null uses a USB controller set and a dual-port NIC.</summary>
    public string? Inventory { get; set; }

    /// <summary>
    /// dom0's kernel command line. <c>reassigndev=BDF[,BDF...]</c> in it (the seed's Enhancement 1) gives the listed
    /// functions' non-page-aligned memory BARs page-aligned addresses at boot, so they can be passed through to HVM
    /// guests; the rest of the line is dom0's business and left alone.
    /// </summary>
    public string? Dom0CommandLine { get; set; }

    /// <summary>
    /// Split host: the name of the emulated host whose part this node runs (e.g. <c>host-1</c>); with it, the roles
    /// <c>xen</c>, <c>dom0</c>, <c>driver</c> and <c>guest</c> choose the part (see <see cref="SplitHost.SplitHostRoles"/>).
    /// Null: no split host (the role <see cref="Role"/> runs a whole host in one process).
    /// </summary>
    public string? Host { get; set; }

    /// <summary>Split host, dom0: how many guest nodes of the host to wait for before serving xm.</summary>
    public int Guests { get; set; }

    /// <summary>Split host: how long a node waits for the peers of its host to be Up before it gives up.</summary>
    public TimeSpan PeerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long xend waits for one step of an operation (a backend state, a guest's answer).</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static XenHostOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        XenHostOptions options;
        try
        {
            options = configuration.GetSection(Section).Get<XenHostOptions>() ?? new XenHostOptions();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
        options.Validate();
        return options;
    }

    public void Validate()
    {
        if (Inventory is not null && !File.Exists(Inventory)) throw new ConfigurationException($"{Section}:inventory is '{Inventory}': the file does not exist.");
        if (Dom0CommandLine is not null)
        {
            try
            {
                ReassignDevParameter.Parse(Dom0CommandLine);
            }
            catch (FormatException ex)
            {
                throw new ConfigurationException($"{Section}:dom0CommandLine is '{Dom0CommandLine}': {ex.Message} (expected reassigndev=DDDD:BB:DD.F[,DDDD:BB:DD.F...]).", ex);
            }
        }
        // sun_path holds 108 bytes including the terminator: a longer path fails only at bind time otherwise.
        if (XenstoreSocket is not null && System.Text.Encoding.UTF8.GetByteCount(XenstoreSocket) > 107)
            throw new ConfigurationException($"{Section}:xenstoreSocket is '{XenstoreSocket}': a unix socket path must be at most 107 bytes.");
        if (Host is not null && !ActorPath.IsValidPathElement(Host)) throw new ConfigurationException($"{Section}:host is '{Host}': expected letters, digits, '-' or '_'.");
        if (Guests is < 0 or > 64) throw new ConfigurationException($"{Section}:guests is '{Guests}': expected 0-64.");
        if (PeerTimeout <= TimeSpan.Zero) throw new ConfigurationException($"{Section}:peerTimeout is '{PeerTimeout}': expected a positive duration (default 00:01:00).");
        if (OperationTimeout <= TimeSpan.Zero) throw new ConfigurationException($"{Section}:operationTimeout is '{OperationTimeout}': expected a positive duration (default 00:00:10).");
    }
}
