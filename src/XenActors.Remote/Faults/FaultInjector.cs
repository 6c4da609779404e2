using System.Collections.Concurrent;
using XenActors.Actor;

namespace XenActors.Remote.Faults;

/// <summary>
/// Run-time switchable faults on the links of this node (Akka's TestConductor / failure-injector transport
/// adapter): blackhole, one-way drop, throttle, delay, sever. Used by tests and drills; every change is logged.
/// </summary>
public sealed class FaultInjector
{
    private readonly ConcurrentDictionary<Address, FaultState> _faults = new();
    private readonly Action<Address> _onSever;
    private readonly Action<string> _log;

    internal FaultInjector(Action<Address> onSever, Action<string> log)
    {
        _onSever = onSever;
        _log = log;
    }

    /// <summary>Drops every frame to and/or from <paramref name="peer"/> while keeping the TCP connection open.</summary>
    public void Blackhole(Address peer, Direction direction = Direction.Both) =>
        Update(peer, s => s with
        {
            DropSend = s.DropSend || direction is Direction.Send or Direction.Both,
            DropReceive = s.DropReceive || direction is Direction.Receive or Direction.Both,
        }, $"blackhole {direction}");

    public void Throttle(Address peer, Direction direction, double bytesPerSecond)
    {
        if (!(bytesPerSecond > 0) || !double.IsFinite(bytesPerSecond)) throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "a positive rate");
        Update(peer, s => s with
        {
            SendBytesPerSecond = direction is Direction.Send or Direction.Both ? bytesPerSecond : s.SendBytesPerSecond,
            ReceiveBytesPerSecond = direction is Direction.Receive or Direction.Both ? bytesPerSecond : s.ReceiveBytesPerSecond,
        }, $"throttle {direction} {bytesPerSecond} B/s");
    }

    public void Delay(Address peer, TimeSpan delay)
    {
        if (delay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(delay), delay, "a delay cannot be negative");
        Update(peer, s => s with { SendDelay = delay }, $"delay {delay.TotalMilliseconds:0} ms");
    }

    /// <summary>Cuts the link: closes the connection now and refuses it until <see cref="PassThrough"/>.</summary>
    public void Sever(Address peer)
    {
        Update(peer, s => s with { Severed = true }, "sever");
        _onSever(peer);
    }

    /// <summary>Removes every fault towards <paramref name="peer"/>.</summary>
    public void PassThrough(Address peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (_faults.TryRemove(peer, out _)) _log($"fault injection: pass-through to {peer}");
    }

    public void ClearAll()
    {
        foreach (var peer in _faults.Keys) PassThrough(peer);
    }

    public FaultState For(Address peer) => _faults.TryGetValue(peer, out var s) ? s : FaultState.None;

    internal bool Any => !_faults.IsEmpty;

    private void Update(Address peer, Func<FaultState, FaultState> change, string what)
    {
        ArgumentNullException.ThrowIfNull(peer);
        _faults.AddOrUpdate(peer, _ => change(FaultState.None), (_, s) => change(s));
        _log($"fault injection: {what} to {peer}");
    }
}
