using XenActors.Hosting.Node;
using XenActors.Hosting.SplitHost;
using Xunit;

namespace XenActors.Hosting.Tests.SplitHost;

/// <summary>
/// One split host started with <c>xenactors cluster up --hosts 1 --guests G</c> (real processes: xen, dom0, driver,
/// G guests) and a probe subscribed to its XenStore journal, shared by the tests of a class; stopped with
/// <c>cluster down</c>, and every process killed and the directory removed whatever happened.
/// </summary>
public abstract class SplitClusterFixture(int guests, string? inventoryJson = null) : IAsyncLifetime
{
    private readonly BufferedTestOutput _output = new();

    public LocalClusterDirectory Cluster { get; private set; } = null!;

    public LocalClusterState State { get; private set; } = null!;

    public SplitHostProbe Probe { get; private set; } = null!;

    public string Socket => State.Nodes.Single(n => n.Roles.Contains(SplitHostRoles.Xen)).XenstoreSocket!;

    public LocalNodeState Node(string name) => State.Nodes.Single(n => n.Name == name);

    public async Task InitializeAsync()
    {
        Cluster = new LocalClusterDirectory(_output);
        string[] up = ["cluster", "up", "--hosts", "1", "--guests", guests.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (inventoryJson is not null)
        {
            // Inside the cluster directory, so it goes with it.
            Directory.CreateDirectory(Cluster.Path);
            var file = Path.Combine(Cluster.Path, "inventory.json");
            await File.WriteAllTextAsync(file, inventoryJson);
            up = [.. up, "--inventory", file];
        }
        var (code, _, _) = await Cluster.RunAsync(up);
        if (code != 0)
        {
            var logs = string.Join("\n", Directory.GetFiles(Cluster.Path, "*.log").Select(f => $"--- {f}\n{File.ReadAllText(f)}"));
            Cluster.Dispose();
            throw new InvalidOperationException($"cluster up exited {code}\n{_output}\n{logs}");
        }
        State = LocalClusterState.Read(Cluster.Path)!;
        Probe = await SplitHostProbe.ConnectAsync(State, "host-1", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        Probe?.Dispose();
        try
        {
            await Cluster.RunAsync("cluster", "down", "--grace", "10");
        }
        finally
        {
            Cluster.Dispose();
        }
    }
}
