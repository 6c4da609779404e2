namespace XenActors.Actor;

/// <summary>
/// A path, possibly with wildcards (<c>*</c>, <c>?</c>) and <c>..</c>, resolved when a message is sent (Akka's
/// ActorSelection). Messages go to every actor that matches at that moment; <see cref="ResolveOne"/> finds one.
/// </summary>
public sealed class ActorSelection : ICanTell, IHasActorSystem
{
    private readonly ActorSystemImpl _system;

    private ActorSelection(ActorSystemImpl system, IActorRef anchor, IReadOnlyList<string> elements)
    {
        _system = system;
        Anchor = anchor;
        Elements = elements;
    }

    public IActorRef Anchor { get; }
    public IReadOnlyList<string> Elements { get; }
    ActorSystemImpl IHasActorSystem.System => _system;

    public string PathString => string.Join('/', Elements);

    internal static ActorSelection Create(ActorSystemImpl system, IActorRef relativeTo, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains("://", StringComparison.Ordinal))
        {
            var slash = path.IndexOf('/', path.IndexOf("://", StringComparison.Ordinal) + 3);
            var address = Address.Parse(slash < 0 ? path : path[..slash]);
            var anchor = system.IsLocal(address) ? system.RootRef : system.ResolveActorRef(ActorPath.Root(address));
            return new ActorSelection(system, anchor, Split(slash < 0 ? "" : path[slash..]));
        }
        return path.StartsWith('/')
            ? new ActorSelection(system, system.RootRef, Split(path))
            : new ActorSelection(system, relativeTo, Split(path));
    }

    private static string[] Split(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        var selection = new ActorSelectionMessage(message, Elements);
        if (Anchor is LocalActorRef local) Deliver(selection, local, sender);
        else Anchor.Tell(selection, sender); // another node delivers it (remoting)
    }

    /// <summary>Asks the matching actor to identify itself; throws <see cref="ActorNotFoundException"/> if none does in time.</summary>
    public async Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        var identity = await this.Ask<ActorIdentity>(new Identify(null), timeout).ConfigureAwait(false);
        return identity.Subject ?? throw new ActorNotFoundException($"no actor matches {this}");
    }

    /// <summary>Walks the local tree from <paramref name="anchor"/> and tells every match.</summary>
    internal static void Deliver(ActorSelectionMessage selection, LocalActorRef anchor, IActorRef? sender)
    {
        var matches = new List<IInternalActorRef>();
        Collect(anchor.System, anchor, selection.Elements, 0, matches);
        if (matches.Count == 0)
        {
            if (selection.Message is Identify identify) sender?.Tell(new ActorIdentity(identify.MessageId, null), anchor.System.DeadLetters);
            else anchor.System.DeadLetters.Tell(new Event.DeadLetter(selection.Message, sender, anchor), sender);
            return;
        }
        foreach (var match in matches) match.Tell(selection.Message, sender);
    }

    private static void Collect(ActorSystemImpl system, IInternalActorRef current, IReadOnlyList<string> elements, int index, List<IInternalActorRef> matches)
    {
        if (index == elements.Count)
        {
            if (!current.IsTerminated) matches.Add(current);
            return;
        }
        var element = elements[index];
        if (element == "..")
        {
            if (current is LocalActorRef { Cell.ParentRef: var parent } && parent is LocalActorRef) Collect(system, parent, elements, index + 1, matches);
            return;
        }
        if (current is not LocalActorRef { Cell: var cell }) return;
        if (ReferenceEquals(cell, system.RootCell) && (element == "deadLetters" || element == "temp"))
        {
            var special = system.LookupLocal(elements.Skip(index).ToArray());
            if (special is not null) matches.Add(special);
            return;
        }
        if (!IsPattern(element))
        {
            if (cell.TryGetChild(element, out var child)) Collect(system, child, elements, index + 1, matches);
            return;
        }
        foreach (var (name, child) in cell.ChildEntries)
        {
            if (Glob(element, name)) Collect(system, child, elements, index + 1, matches);
        }
    }

    private static bool IsPattern(string element) => element.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Glob matching with <c>*</c> (any run) and <c>?</c> (one character).</summary>
    internal static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t])) { p++; t++; }
            else if (p < pattern.Length && pattern[p] == '*') { star = p++; mark = t; }
            else if (star >= 0) { p = star + 1; t = ++mark; }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    public override string ToString() => $"ActorSelection[Anchor({Anchor.Path}), Path(/{PathString})]";
}
