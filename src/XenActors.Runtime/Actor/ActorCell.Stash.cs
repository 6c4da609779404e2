using XenActors.Event;

namespace XenActors.Actor;

internal sealed partial class ActorCell
{
    private LinkedList<Envelope>? _stash;
    private LinkedList<Envelope>? _unstashed;

    /// <summary>Unstashed messages go before anything still in the mailbox.</summary>
    public bool HasUnstashed => _unstashed is { Count: > 0 };

    public bool TryTakeUnstashed(out Envelope envelope)
    {
        if (_unstashed is { Count: > 0 } queue)
        {
            envelope = queue.First!.Value;
            queue.RemoveFirst();
            return true;
        }
        envelope = default;
        return false;
    }

    private void StashCurrent()
    {
        var stash = _stash ??= new LinkedList<Envelope>();
        if (stash.Count > 0 && ReferenceEquals(stash.Last!.Value.Message, _current.Message))
        {
            throw new InvalidOperationException($"Cannot stash the same message twice: {_current.Message}");
        }
        stash.AddLast(_current);
    }

    private void Prepend(IReadOnlyList<Envelope> envelopes)
    {
        if (envelopes.Count == 0) return;
        var queue = _unstashed ??= new LinkedList<Envelope>();
        for (var i = envelopes.Count - 1; i >= 0; i--) queue.AddFirst(envelopes[i]);
    }

    private void UnstashOne()
    {
        if (_stash is not { Count: > 0 } stash) return;
        var first = stash.First!.Value;
        stash.RemoveFirst();
        Prepend([first]);
    }

    private void UnstashWhere(Func<Envelope, bool> predicate)
    {
        if (_stash is not { Count: > 0 } stash) return;
        var taken = new List<Envelope>();
        for (var node = stash.First; node is not null;)
        {
            var next = node.Next;
            if (predicate(node.Value))
            {
                taken.Add(node.Value);
                stash.Remove(node);
            }
            node = next;
        }
        Prepend(taken);
    }

    private void UnstashAllOnRestart() => UnstashWhere(static _ => true);

    private IEnumerable<Envelope> ClearStash()
    {
        var all = _stash?.ToArray() ?? [];
        _stash?.Clear();
        return all;
    }

    private void DropStashToDeadLetters()
    {
        foreach (var list in new[] { _stash, _unstashed })
        {
            if (list is null) continue;
            foreach (var envelope in list) System.DeadLetters.Tell(new DeadLetter(envelope.Message, envelope.Sender, Self), envelope.Sender);
            list.Clear();
        }
    }

    private sealed class CellStash(ActorCell cell) : IStash
    {
        public void Stash() => cell.StashCurrent();
        public void Unstash() => cell.UnstashOne();
        public void UnstashAll() => cell.UnstashWhere(static _ => true);
        public void UnstashAll(Func<Envelope, bool> predicate) => cell.UnstashWhere(predicate);
        public IEnumerable<Envelope> ClearStash() => cell.ClearStash();
        public int Count => cell._stash?.Count ?? 0;
    }
}
