using XenActors.Actor;
using XenActors.Xen.Drill;

namespace XenActors.Xen.Tests.Drill;

/// <summary>The in-process drill of two guests on virtual time, run once per test class and shared.</summary>
public sealed class SampleDrillRun
{
    public SampleDrillRun()
    {
        using var world = new VirtualWorld();
        var reports = new List<DrillReport>();
        using var subscription = world.System.EventStream.Subscribe<DrillReport>(reports.Add);
        Drill = new InProcessDrill(world.System);
        Drill.Start(ActorRefs.Nobody);
        world.RunUntil(() => reports.Count == 2, TimeSpan.FromMinutes(2));
        Drill.StopWorkloads();
        Reports = [.. reports.OrderBy(r => r.Guest, StringComparer.Ordinal)];
        Json = DrillReportJson.Serialize(Reports);
        Html = DrillTimelineHtml.Render(Drill.Recorder, Reports, "XenActors migration drill: hot-remove → live-migrate → hot-add");
        // Regenerating docs/drill: XA_DRILL_SAMPLE_DIR=docs/drill dotnet test ... --filter FullyQualifiedName~Drill
        if (Environment.GetEnvironmentVariable("XA_DRILL_SAMPLE_DIR") is { Length: > 0 } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "sample-report.html"), Html);
            File.WriteAllText(Path.Combine(dir, "sample-report.json"), Json);
        }
    }

    public InProcessDrill Drill { get; }

    public IReadOnlyList<DrillReport> Reports { get; }

    public string Json { get; }

    public string Html { get; }
}
