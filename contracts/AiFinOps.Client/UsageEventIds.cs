namespace AiFinOps.Client;

public static class UsageEventIds
{
    /// <summary>A new idempotency key: a UUIDv7, so ids sort by creation time and index well.</summary>
    public static string New() => Guid.CreateVersion7().ToString();
}
