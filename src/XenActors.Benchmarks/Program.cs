namespace XenActors.Benchmarks;

/// <summary>BenchmarkDotNet entry: <c>dotnet run -c Release --project src/XenActors.Benchmarks -- --filter *</c>.</summary>
public static class Program
{
    public static void Main(string[] args) =>
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
