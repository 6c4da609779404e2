namespace XenActors.Dispatch;

/// <summary>
/// Actions deferred to the end of the mailbox run on this thread: an actor that sends several messages to another
/// node in one run has them sent in one syscall when the run ends, not one each (a syscall is ~10 µs here).
/// </summary>
internal static class EndOfRun
{
    [ThreadStatic] private static bool t_inRun;
    [ThreadStatic] private static List<IEndOfRunAction>? t_actions;

    /// <summary>True inside a mailbox run (actor code) on this thread.</summary>
    public static bool InRun => t_inRun;

    /// <summary>Queues <paramref name="action"/> for the end of the current run; false when this thread is in none.</summary>
    public static bool TryDefer(IEndOfRunAction action)
    {
        if (!t_inRun) return false;
        var actions = t_actions ??= new List<IEndOfRunAction>(4);
        if (!actions.Contains(action)) actions.Add(action);
        return true;
    }

    /// <summary>Marks the start of a run; false when one is running already on this thread (nested: the outer one ends it).</summary>
    internal static bool Enter()
    {
        if (t_inRun) return false;
        t_inRun = true;
        return true;
    }

    internal static void Exit()
    {
        t_inRun = false;
        var actions = t_actions;
        if (actions is null || actions.Count == 0) return;
        // The actions may start a run of their own (they do not today); take the list first.
        t_actions = null;
        foreach (var action in actions) action.AtEndOfRun();
        actions.Clear();
        t_actions ??= actions;
    }
}
