using XenActors.Dispatch.SysMsg;

namespace XenActors.Dispatch;

/// <summary>
/// A lock-free multi-producer, single-consumer list for system messages. Producers push onto a stack with one
/// CAS; the mailbox takes the whole stack at once and reverses it, so messages keep the order they were sent in.
/// Far smaller than a ConcurrentQueue (whose first segment alone is ~600 bytes) — it matters when spawning
/// hundreds of thousands of actors, each of which only ever gets a couple of system messages.
/// </summary>
internal sealed class SystemMessageQueue
{
    private Node? _head;

    public bool IsEmpty => Volatile.Read(ref _head) is null;

    public void Push(SystemMessage message)
    {
        var node = new Node(message);
        Node? head;
        do
        {
            head = Volatile.Read(ref _head);
            node.Next = head;
        } while (Interlocked.CompareExchange(ref _head, node, head) != head);
    }

    /// <summary>Takes everything queued so far, oldest first; null if nothing was queued.</summary>
    public Node? TakeAllInOrder()
    {
        var taken = Interlocked.Exchange(ref _head, null);
        Node? ordered = null;
        while (taken is not null)
        {
            var next = taken.Next;
            taken.Next = ordered;
            ordered = taken;
            taken = next;
        }
        return ordered;
    }

    internal sealed class Node(SystemMessage message)
    {
        public SystemMessage Message { get; } = message;
        public Node? Next { get; set; }
    }
}
