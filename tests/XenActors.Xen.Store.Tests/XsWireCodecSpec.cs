using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

public class XsWireCodecSpec
{
    [Fact]
    public void Must_round_trip_any_message_split_at_any_point()
    {
        var gen =
            from type in Gen.Choose(0, 26)
            from req in Gen.Choose(0, int.MaxValue)
            from tx in Gen.Choose(0, 100)
            from payload in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
            from split in Gen.Choose(0, 100)
            select (new XsMessage((XsdMessageType)type, (uint)req, (uint)tx, payload.Take(XsWireCodec.MaxPayload).ToArray()), split);
        Prop.ForAll(Arb.From(gen), t =>
        {
            var bytes = XsWireCodec.Encode(t.Item1);
            var cut = Math.Min(t.split, bytes.Length);
            var partial = new ReadOnlySequence<byte>(bytes, 0, cut);
            if (cut < bytes.Length)
                Assert.Equal(XsFrameStatus.NeedMoreData, XsWireCodec.TryRead(ref partial, out _));
            var whole = new ReadOnlySequence<byte>([.. bytes, .. bytes]);
            Assert.Equal(XsFrameStatus.Complete, XsWireCodec.TryRead(ref whole, out var m));
            Assert.Equal(bytes.Length, whole.Length);
            Assert.Equal(t.Item1.Type, m.Type);
            Assert.Equal(t.Item1.ReqId, m.ReqId);
            Assert.Equal(t.Item1.TxId, m.TxId);
            Assert.Equal(t.Item1.Payload.ToArray(), m.Payload.ToArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Must_encode_the_header_little_endian()
    {
        var bytes = XsWireCodec.Encode(new XsMessage(XsdMessageType.Read, 0x01020304, 7, "/a\0"u8.ToArray()));
        Assert.Equal(new byte[] { 2, 0, 0, 0, 4, 3, 2, 1, 7, 0, 0, 0, 3, 0, 0, 0, (byte)'/', (byte)'a', 0 }, bytes);
    }

    [Fact]
    public void Must_report_a_payload_above_4096_bytes_as_a_framing_error()
    {
        var header = new byte[16];
        XsWireCodec.WriteHeader(header, XsdMessageType.Write, 1, 0, 4097);
        var seq = new ReadOnlySequence<byte>(header);
        Assert.Equal(XsFrameStatus.PayloadTooLarge, XsWireCodec.TryRead(ref seq, out _));
    }

    [Fact]
    public void Must_parse_error_payloads_by_errno_name()
    {
        Assert.Equal(XsdError.EACCES, XsdErrors.Parse("EACCES\0"u8));
        Assert.Equal("ENOSPC\0"u8.ToArray(), XsdErrors.Payload(XsdError.ENOSPC));
        Assert.Equal(XsdError.EINVAL, XsdErrors.Parse("EWHAT\0"u8));
    }
}
