using System.Collections.Concurrent;
using System.Diagnostics;

namespace XenActors.TestKit.MultiNode;

/// <summary>One real <c>xenactors node</c> process started by a <see cref="NodeProcessHarness"/>; its output is kept line by line.</summary>
public sealed class NodeProcess(string name, int port, string address, Process process)
{
    public string Name { get; } = name;
    public int Port { get; } = port;
    public string Address { get; } = address;
    public Process Process { get; } = process;
    public int Pid { get; } = process.Id;
    public ConcurrentQueue<string> Lines { get; } = new();
    public bool HasExited => Process.HasExited;

    public bool Logged(string text) => Lines.Any(l => l.Contains(text, StringComparison.Ordinal));

    public override string ToString() => $"{Name}(pid {Pid}, {Address})";
}
