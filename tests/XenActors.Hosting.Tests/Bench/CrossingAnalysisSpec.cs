using System.Diagnostics;
using XenActors.Hosting.Node.Bench;
using XenActors.Remote.Diagnostics;

namespace XenActors.Hosting.Tests.Bench;

public sealed class CrossingAnalysisSpec : IDisposable
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["127.0.0.1:1"] = "guest",
        ["127.0.0.1:2"] = "xen",
        ["127.0.0.1:3"] = "driver",
    };

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "xa-crossing-spec-" + Guid.NewGuid().ToString("N")[..8]);

    public CrossingAnalysisSpec() => Directory.CreateDirectory(_dir);

    [Fact]
    public void Must_walk_a_pci_op_through_the_hypervisor_as_four_crossings_and_the_time_inside_each_process()
    {
        // guest → xen → driver → xen → guest, 10 µs per crossing, 2 µs inside each process.
        Trace("1", ("S", 0, "2", "X.Op"), ("R", 46, "2", "X.Upcall<Y.Page>"));
        Trace("2", ("R", 10, "1", "X.Op"), ("S", 12, "3", "X.Upcall<Y.Page>"), ("R", 34, "3", "X.Op"), ("S", 36, "1", "X.Upcall<Y.Page>"));
        Trace("3", ("R", 22, "2", "X.Upcall<Y.Page>"), ("S", 24, "2", "X.Op"));
        var report = CrossingAnalysis.Analyze(CrossingAnalysis.Load(_dir, Names), [(Us(0), Us(50))]);
        Assert.Equal(4, report.MessagesP50);
        Assert.Equal(4, report.PathCrossingsP50);
        Assert.Equal(40, report.PathTransitUsP50, 1);
        Assert.Equal(6, report.PathInProcessUsP50, 1);
        Assert.Equal(4, report.PathInProcessUsP50ByNode["xen"], 1);
        Assert.Equal(2, report.PathInProcessUsP50ByNode["driver"], 1);
        Assert.Equal(10, report.CrossingP50Us, 1);
        Assert.Equal(["driver>xen", "guest>xen", "xen>driver", "xen>guest"], report.Links.Select(l => $"{l.From}>{l.To}").Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, double> { ["Op"] = 2, ["Upcall<Y.Page>"] = 2 }, report.PathCrossingsP50ByMessage);
    }

    [Fact]
    public void Must_count_a_pipelined_batch_once_on_the_critical_path()
    {
        // Two requests back to back, two replies: four messages, but one round trip of waiting.
        Trace("1", ("S", 0, "2", "Read"), ("S", 1, "2", "Read"), ("R", 22, "2", "Result"), ("R", 23, "2", "Result"));
        Trace("2", ("R", 10, "1", "Read"), ("R", 11, "1", "Read"), ("S", 12, "1", "Result"), ("S", 13, "1", "Result"));
        var report = CrossingAnalysis.Analyze(CrossingAnalysis.Load(_dir, Names), [(Us(0), Us(30))]);
        Assert.Equal(4, report.MessagesP50);
        Assert.Equal(2, report.PathCrossingsP50);
        Assert.Equal(20, report.PathTransitUsP50, 1);
        Assert.Equal(2, report.PathInProcessUsP50, 1);
    }

    [Fact]
    public void Must_not_pair_a_send_whose_receive_falls_outside_its_window_with_a_later_operation()
    {
        Trace("1", ("S", 0, "2", "Op"), ("S", 100, "2", "Op"));
        Trace("2", ("R", 105, "1", "Op"));
        var report = CrossingAnalysis.Analyze(CrossingAnalysis.Load(_dir, Names), [(Us(0), Us(50)), (Us(100), Us(150))]);
        var link = Assert.Single(report.Links);
        Assert.Equal(1, link.Messages);
        Assert.Equal(5, link.P50Us, 1);
    }

    [Fact]
    public void Must_leave_out_the_cluster_layer_that_runs_beside_an_operation()
    {
        Trace("1", ("S", 0, "2", "Op"), ("S", 1, "3", "XenActors.Cluster.Protocol.Heartbeat"));
        Trace("2", ("R", 10, "1", "Op"));
        var report = CrossingAnalysis.Analyze(CrossingAnalysis.Load(_dir, Names), [(Us(0), Us(20))]);
        Assert.Equal(1, report.MessagesP50);
        Assert.Equal(1, report.PathCrossingsP50);
    }

    [Fact]
    public void Must_name_the_file_and_line_of_a_malformed_trace()
    {
        File.WriteAllLines(Path.Combine(_dir, "127.0.0.1_1" + MessageTrace.Extension), [$"{MessageTrace.Header} self=127.0.0.1:1 frequency={Stopwatch.Frequency}", "12 X 127.0.0.1:2 Op"]);
        var ex = Assert.Throws<InvalidDataException>(() => CrossingAnalysis.Load(_dir, Names));
        Assert.Contains("127.0.0.1_1.trace:2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Must_refuse_lines_before_the_header()
    {
        File.WriteAllLines(Path.Combine(_dir, "127.0.0.1_1" + MessageTrace.Extension), ["12 S 127.0.0.1:2 Op"]);
        var ex = Assert.Throws<InvalidDataException>(() => CrossingAnalysis.Load(_dir, Names));
        Assert.Contains("header first", ex.Message, StringComparison.Ordinal);
    }

    private static long Us(double us) => (long)(us * Stopwatch.Frequency / 1_000_000);

    private void Trace(string port, params (string Dir, double Us, string Peer, string Type)[] lines) =>
        File.WriteAllLines(Path.Combine(_dir, $"127.0.0.1_{port}{MessageTrace.Extension}"),
            [$"{MessageTrace.Header} self=127.0.0.1:{port} frequency={Stopwatch.Frequency}", .. lines.Select(l => $"{Us(l.Us)} {l.Dir} 127.0.0.1:{l.Peer} {l.Type}")]);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
