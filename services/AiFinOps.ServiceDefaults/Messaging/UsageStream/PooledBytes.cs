using System.Buffers;

namespace AiFinOps.ServiceDefaults.Messaging.UsageStream;

/// <summary>Bytes written into an array rented from <see cref="ArrayPool{T}.Shared"/>; disposing returns the array.</summary>
public readonly struct PooledBytes(byte[] array, int length) : IDisposable
{
    public ReadOnlySpan<byte> Span => array.AsSpan(0, length);

    public int Length => length;

    public void Dispose() => ArrayPool<byte>.Shared.Return(array);
}
