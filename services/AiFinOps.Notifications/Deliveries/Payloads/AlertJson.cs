using System.Text.Json;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Deliveries.Payloads;

/// <summary>The <c>json</c> format: the <see cref="AlertRaised"/> itself, camelCase, UTF-8 — also how a delivery keeps its alert.</summary>
public static class AlertJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static byte[] Body(AlertRaised alert) => JsonSerializer.SerializeToUtf8Bytes(alert, Options);

    public static string Text(AlertRaised alert) => JsonSerializer.Serialize(alert, Options);

    public static AlertRaised Read(string json) =>
        JsonSerializer.Deserialize<AlertRaised>(json, Options) ?? throw new InvalidOperationException("A stored alert is empty.");
}
