using System.Text;
using XenActors.Xen.Store.Wire;

namespace XenActors.Xen.Store.Tests;

/// <summary>One random step of a property run: which client does what on which path.</summary>
public sealed record StoreOp(int Client, OpKind Kind, string Path, string Value)
{
    /// <summary>Runs the operation against the real core and renders the result like <see cref="ReferenceModel.Apply"/>.</summary>
    public string RunOn(TestClient client, uint tx)
    {
        switch (Kind)
        {
            case OpKind.Write:
                return Render(client.Write(Path, Value, tx));
            case OpKind.Mkdir:
                return Render(client.Mkdir(Path, tx));
            case OpKind.Rm:
                return Render(client.Rm(Path, tx));
            case OpKind.Read:
            {
                var reply = client.Call(XsdMessageType.Read, tx, Path);
                return reply.IsError ? reply.Error.ToString() : "=" + Encoding.UTF8.GetString(reply.Payload);
            }
            case OpKind.Dir:
            {
                var reply = client.Call(XsdMessageType.Directory, tx, Path);
                return reply.IsError
                    ? reply.Error.ToString()
                    : "[" + string.Join(",", XsPayload.Strings(reply.Payload).Order(StringComparer.Ordinal)) + "]";
            }
            default:
                throw new InvalidOperationException(Kind.ToString());
        }
    }

    private static string Render(XsdError e) => e == XsdError.None ? "OK" : e.ToString();

    public override string ToString() => $"c{Client}:{Kind} {Path} {Value}";
}
