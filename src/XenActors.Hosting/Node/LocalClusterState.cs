using System.Text.Json;
using System.Text.Json.Serialization;

namespace XenActors.Hosting.Node;

/// <summary>
/// What <c>xenactors cluster up</c> leaves in its directory so that <c>status</c> and <c>down</c> work from another
/// shell. JSON, camelCase, unknown fields ignored and new ones optional, so the format can grow (each member will
/// also report a <c>xenstoreSocket</c>). Holds the cluster secret: written with mode 0600.
/// </summary>
public sealed record LocalClusterState
{
    public const string FileName = "cluster.json";
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public string SystemName { get; init; } = "xenactors";
    public string Secret { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public List<LocalNodeState> Nodes { get; init; } = [];

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    public static LocalClusterState? Read(string directory)
    {
        var path = PathIn(directory);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), LocalClusterJsonContext.Default.LocalClusterState);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a cluster state file: {ex.Message}", ex);
        }
    }

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = PathIn(directory);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, LocalClusterJsonContext.Default.LocalClusterState));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
