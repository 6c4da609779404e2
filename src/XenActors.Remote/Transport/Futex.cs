using System.Runtime.InteropServices;

namespace XenActors.Remote.Transport;

/// <summary>
/// Linux's futex on a word of a shared mapping: what a <see cref="SharedRing"/> uses as its event channel. Not the
/// private variant: the two ends are different processes mapping the same file, and the kernel keys a shared futex by
/// the file and offset, not by the address.
/// </summary>
internal static unsafe partial class Futex
{
    private const int FutexWait = 0;
    private const int FutexWake = 1;

    /// <summary>Linux and an architecture whose futex syscall number is known here.</summary>
    [System.Runtime.Versioning.SupportedOSPlatformGuard("linux")]
    public static bool IsSupported => OperatingSystem.IsLinux() && SyscallNumber != 0;

    private static long SyscallNumber => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 202,
        Architecture.Arm64 => 98,
        _ => 0,
    };

    /// <summary>
    /// Blocks while <paramref name="word"/> still holds <paramref name="expected"/>, until a <see cref="Wake"/> on it or
    /// <paramref name="timeout"/>. Returns at once if the word changed before the kernel looked, and may return early
    /// (a signal: .NET suspends threads with them), so the caller always looks again.
    /// </summary>
    public static void Wait(int* word, int expected, TimeSpan timeout)
    {
        var ticks = timeout.Ticks;
        var relative = new TimeSpec(ticks / TimeSpan.TicksPerSecond, ticks % TimeSpan.TicksPerSecond * 100);
        Syscall(SyscallNumber, word, FutexWait, expected, &relative, null, 0);
    }

    /// <summary>Wakes the one thread that may wait on <paramref name="word"/>.</summary>
    public static void Wake(int* word) => Syscall(SyscallNumber, word, FutexWake, 1, null, null, 0);

    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct TimeSpec(long Seconds, long Nanoseconds);

    // syscall(2) is variadic; on x86-64 and arm64 Linux, integer and pointer arguments pass the same way either way.
    [LibraryImport("libc", EntryPoint = "syscall")]
    private static partial long Syscall(long number, int* word, int op, int value, void* timeout, int* word2, int value3);
}
