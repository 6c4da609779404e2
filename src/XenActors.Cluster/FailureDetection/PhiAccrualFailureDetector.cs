namespace XenActors.Cluster.FailureDetection;

/// <summary>
/// Akka's phi accrual failure detector (Hayashibara et al.): phi grows with the time since the last heartbeat,
/// scaled by the observed inter-arrival distribution. History is bootstrapped with two samples around the
/// expected interval (interval ± interval/4) so a node that never sends a heartbeat is still suspected.
/// Not thread-safe: owned by the cluster daemon.
/// </summary>
public sealed class PhiAccrualFailureDetector
{
    private readonly double _threshold;
    private readonly double _minStdMs;
    private readonly double _pauseMs;
    private readonly int _maxSamples;
    private readonly Queue<double> _intervals = new();
    private double _sum;
    private double _squaredSum;
    private long? _lastTimestampMs;

    public PhiAccrualFailureDetector(FailureDetectorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _threshold = settings.Threshold;
        _minStdMs = settings.MinStdDeviation.TotalMilliseconds;
        _pauseMs = settings.AcceptableHeartbeatPause.TotalMilliseconds;
        _maxSamples = settings.MaxSampleSize;
        var interval = settings.HeartbeatInterval.TotalMilliseconds;
        Add(interval - interval / 4);
        Add(interval + interval / 4);
    }

    public bool IsMonitoring => _lastTimestampMs.HasValue;

    public void Heartbeat(long nowMs)
    {
        if (_lastTimestampMs is { } last)
        {
            var interval = nowMs - last;
            // Akka only learns from intervals that are not themselves failures.
            if (Phi(nowMs) < _threshold) Add(interval);
        }
        _lastTimestampMs = nowMs;
    }

    public bool IsAvailable(long nowMs) => Phi(nowMs) < _threshold;

    public double Phi(long nowMs)
    {
        if (_lastTimestampMs is not { } last) return 0.0;
        var elapsed = nowMs - last;
        var mean = _sum / _intervals.Count;
        var variance = _squaredSum / _intervals.Count - mean * mean;
        var std = Math.Max(Math.Sqrt(Math.Max(variance, 0)), _minStdMs);
        return Phi(elapsed, mean + _pauseMs, std);
    }

    /// <summary>Akka's logistic approximation of the normal CDF: φ = −log10(P(later than Δt)).</summary>
    public static double Phi(double elapsedMs, double meanMs, double stdMs)
    {
        var y = (elapsedMs - meanMs) / stdMs;
        var e = Math.Exp(-y * (1.5976 + 0.070566 * y * y));
        return elapsedMs > meanMs ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - 1.0 / (1.0 + e));
    }

    private void Add(double interval)
    {
        if (_intervals.Count >= _maxSamples)
        {
            var dropped = _intervals.Dequeue();
            _sum -= dropped;
            _squaredSum -= dropped * dropped;
        }
        _intervals.Enqueue(interval);
        _sum += interval;
        _squaredSum += interval * interval;
    }
}
