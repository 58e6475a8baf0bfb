using System.Security.Cryptography;
using System.Text;

namespace AiFinOps.Budgeting.Alerts;

/// <summary>Alert ids derived from what makes an alert unique, so a retried transaction raises the same id.</summary>
public static class AlertIds
{
    public static Guid Derive(string key) => new(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
}
