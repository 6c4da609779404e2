using System.Text.Json;

namespace XenActors.Xen.Drill;

/// <summary>Writes and reads drill reports: a JSON array, one object per guest.</summary>
public static class DrillReportJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string Serialize(IEnumerable<DrillReport> reports) => JsonSerializer.Serialize(reports.ToList(), Options);

    public static IReadOnlyList<DrillReport> Deserialize(string json) =>
        JsonSerializer.Deserialize<List<DrillReport>>(json, Options) ?? [];
}
