using System.Text.Encodings.Web;
using System.Text.Json;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Deliveries.Payloads;

/// <summary>The <c>json</c> format: the <see cref="AlertRaised"/> itself, camelCase, UTF-8 — also how a delivery keeps its alert.</summary>
public static class AlertJson
{
    /// <summary>camelCase; quotes, <c>&lt;</c>, <c>&amp;</c> and non-ASCII text written as such (a body is never embedded in HTML).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Body(AlertRaised alert) => JsonSerializer.SerializeToUtf8Bytes(alert, Options);

    public static string Text(AlertRaised alert) => JsonSerializer.Serialize(alert, Options);

    public static AlertRaised Read(string json) =>
        JsonSerializer.Deserialize<AlertRaised>(json, Options) ?? throw new InvalidOperationException("A stored alert is empty.");
}
