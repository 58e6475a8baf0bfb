namespace AiFinOps.Client;

/// <summary>Thrown by <see cref="UsageEmitter.Emit"/> when the buffer is full; <c>EmitAsync</c> waits instead.</summary>
public sealed class UsageBufferFullException(int capacity)
    : InvalidOperationException($"The usage buffer is full ({capacity} events): the server is slower than the app or unreachable.")
{
    public int Capacity { get; } = capacity;
}
