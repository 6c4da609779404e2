namespace XenActors.Actor;

/// <summary>Akka's rule for system names: <c>[a-zA-Z0-9]</c> plus a non-leading <c>-</c>.</summary>
public static class ActorSystemName
{
    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name[0] == '-') return false;
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-')) return false;
        }
        return true;
    }
}
