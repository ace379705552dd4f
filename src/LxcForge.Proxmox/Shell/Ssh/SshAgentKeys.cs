using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace LxcForge.Proxmox.Shell.Ssh;

/// <summary>
/// The keys held by a running <c>ssh-agent</c> (<c>SSH_AUTH_SOCK</c>), for SSH.NET's public key authentication:
/// the agent signs, the private keys never leave it. Speaks the agent protocol (draft-miller-ssh-agent):
/// REQUEST_IDENTITIES (11) → IDENTITIES_ANSWER (12), SIGN_REQUEST (13) → SIGN_RESPONSE (14).
/// </summary>
public sealed class SshAgentKeys : IPrivateKeySource
{
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;
    private const uint RsaSha2_256 = 2;
    private const uint RsaSha2_512 = 4;

    private readonly string _socketPath;

    private SshAgentKeys(string socketPath, IReadOnlyCollection<HostAlgorithm> algorithms)
    {
        _socketPath = socketPath;
        HostKeyAlgorithms = algorithms;
    }

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    /// <summary>Asks the agent at <paramref name="socketPath"/> for its keys.</summary>
    public static SshAgentKeys Connect(string socketPath)
    {
        var answer = Exchange(socketPath, [RequestIdentities]);
        if (answer.Length == 0 || answer[0] != IdentitiesAnswer)
            throw new IOException($"the ssh-agent at {socketPath} did not list its keys");
        var reader = new Reader(answer, 1);
        var count = reader.UInt32();
        var algorithms = new List<HostAlgorithm>();
        var agent = new SshAgentKeys(socketPath, algorithms);
        for (var i = 0; i < count; i++)
        {
            var blob = reader.Bytes();
            reader.Bytes(); // comment
            var type = KnownHosts.KeyTypeOf(blob);
            if (type == "ssh-rsa")
            {
                // Servers refuse SHA-1 "ssh-rsa" signatures nowadays: offer the SHA-2 variants first.
                algorithms.Add(new AgentKey(agent, "rsa-sha2-512", blob, RsaSha2_512));
                algorithms.Add(new AgentKey(agent, "rsa-sha2-256", blob, RsaSha2_256));
            }
            else
            {
                algorithms.Add(new AgentKey(agent, type, blob, 0));
            }
        }

        return agent;
    }

    private byte[] Sign(byte[] keyBlob, byte[] data, uint flags)
    {
        var request = new List<byte> { SignRequest };
        AppendBytes(request, keyBlob);
        AppendBytes(request, data);
        AppendUInt32(request, flags);
        var answer = Exchange(_socketPath, [.. request]);
        if (answer.Length == 0 || answer[0] != SignResponse)
            throw new IOException("the ssh-agent refused to sign (is the key still loaded?)");
        return new Reader(answer, 1).Bytes(); // already "string format, string blob", as SSH.NET expects
    }

    private static byte[] Exchange(string socketPath, byte[] message)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)message.Length);
        stream.Write(header);
        stream.Write(message);
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header);
        if (length > 256 * 1024)
            throw new IOException("the ssh-agent sent an oversized reply");
        var reply = new byte[length];
        stream.ReadExactly(reply);
        return reply;
    }

    private static void AppendUInt32(List<byte> buffer, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, value);
        buffer.AddRange(b.ToArray());
    }

    private static void AppendBytes(List<byte> buffer, byte[] value)
    {
        AppendUInt32(buffer, (uint)value.Length);
        buffer.AddRange(value);
    }

    private sealed class AgentKey(SshAgentKeys agent, string name, byte[] blob, uint flags) : HostAlgorithm(name)
    {
        public override byte[] Data => blob;

        public override byte[] Sign(byte[] data) => agent.Sign(blob, data, flags);

        public override bool VerifySignature(byte[] data, byte[] signature) => throw new NotSupportedException("agent keys only sign");

        public override string ToString() => $"{Name} from ssh-agent ({Encoding.ASCII.GetString(blob, 4, Math.Min(blob.Length - 4, 11))})";
    }

    private sealed class Reader(byte[] buffer, int offset)
    {
        private int _offset = offset;

        public uint UInt32()
        {
            var v = BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(_offset, 4));
            _offset += 4;
            return v;
        }

        public byte[] Bytes()
        {
            var len = (int)UInt32();
            var v = buffer.AsSpan(_offset, len).ToArray();
            _offset += len;
            return v;
        }
    }
}
