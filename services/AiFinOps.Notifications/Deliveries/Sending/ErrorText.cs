using System.Text;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// An error as the delivery log keeps it: the exception's messages (not its stack), on one line, at most
/// <see cref="MaxLength"/> characters, with every secret the attempt knew (URL, signing secret, SMTP password) masked.
/// </summary>
public static class ErrorText
{
    public const int MaxLength = 500;

    public static string Of(Exception exception, params string?[] secrets)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null && messages.Count < 4; e = e.InnerException)
        {
            if (!messages.Contains(e.Message)) messages.Add(e.Message);
        }
        return Clean(string.Join(": ", messages), secrets);
    }

    public static string Clean(string text, params string?[] secrets)
    {
        foreach (var secret in secrets.Where(s => !string.IsNullOrEmpty(s)).OrderByDescending(s => s!.Length))
        {
            text = text.Replace(secret!, "***", StringComparison.Ordinal);
        }
        var line = new StringBuilder(text.Length);
        foreach (var c in text) line.Append(char.IsControl(c) ? ' ' : c);
        var clean = line.ToString().Trim();
        return clean.Length <= MaxLength ? clean : clean[..(MaxLength - 1)] + "…";
    }
}
