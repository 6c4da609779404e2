using XenActors.Xen.Migration;

namespace XenActors.Xen.Tests.Migration;

/// <summary>A relocation link that flips one byte of one page on the wire, the first time that page is sent.</summary>
public sealed class CorruptingTransport(IMigrationTransport inner, long gfn) : IMigrationTransport
{
    public bool Corrupted { get; private set; }

    public void Send(MigrationRecord record, Action<TransportOutcome> completed)
    {
        if (!Corrupted && record is PageBatch batch && IndexOf(batch) is { } i)
        {
            var contents = batch.Contents.ToArray();
            var page = (byte[])contents[i]!.Clone();
            page[100] ^= 0x5a;
            contents[i] = page;
            record = batch with { Contents = contents };
            Corrupted = true;
        }

        inner.Send(record, completed);
    }

    public void Abort(string reason) => inner.Abort(reason);

    private int? IndexOf(PageBatch batch)
    {
        for (var i = 0; i < batch.Frames.Count; i++)
        {
            if (batch.Frames[i] == gfn && batch.Contents[i] is not null)
            {
                return i;
            }
        }

        return null;
    }
}
