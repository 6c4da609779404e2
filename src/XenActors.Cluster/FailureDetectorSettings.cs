namespace XenActors.Cluster;

/// <summary><c>xenactors:cluster:failureDetector</c>: the phi-accrual detector (Akka's defaults).</summary>
public sealed class FailureDetectorSettings
{
    public double Threshold { get; set; } = 8.0;
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);
    public TimeSpan AcceptableHeartbeatPause { get; set; } = TimeSpan.FromSeconds(3);
    public TimeSpan MinStdDeviation { get; set; } = TimeSpan.FromMilliseconds(100);
    public int MaxSampleSize { get; set; } = 1000;

    public void Validate()
    {
        if (!(Threshold > 0) || !double.IsFinite(Threshold)) throw ClusterSettings.Bad("failureDetector:threshold", Threshold, "a positive number (default 8.0)");
        if (HeartbeatInterval <= TimeSpan.Zero) throw ClusterSettings.Bad("failureDetector:heartbeatInterval", HeartbeatInterval, "a positive duration");
        if (AcceptableHeartbeatPause < TimeSpan.Zero) throw ClusterSettings.Bad("failureDetector:acceptableHeartbeatPause", AcceptableHeartbeatPause, "0 or a positive duration");
        if (MinStdDeviation <= TimeSpan.Zero) throw ClusterSettings.Bad("failureDetector:minStdDeviation", MinStdDeviation, "a positive duration");
        if (MaxSampleSize < 1) throw ClusterSettings.Bad("failureDetector:maxSampleSize", MaxSampleSize, "1 or more");
    }
}
