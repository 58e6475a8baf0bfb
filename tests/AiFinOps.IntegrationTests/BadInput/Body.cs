using System.Net.Http.Headers;
using System.Text;

namespace AiFinOps.IntegrationTests.BadInput;

/// <summary>A request body exactly as the hostile client sends it: JSON text, or raw bytes that need not be UTF-8.</summary>
public sealed record Body(byte[] Bytes, string ContentType)
{
    public static Body Json(string text) => new(Encoding.UTF8.GetBytes(text), "application/json");

    /// <summary>JSON whose string value holds <c>0xC3 0x28</c>: a UTF-8 lead byte followed by one that cannot continue it.</summary>
    public static Body JsonWithInvalidUtf8(string before, string after) =>
        new([.. Encoding.UTF8.GetBytes(before), 0xC3, 0x28, .. Encoding.UTF8.GetBytes(after)], "application/json");

    public static Body Empty => new([], "application/json");

    public HttpContent Content()
    {
        var content = new ByteArrayContent(Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        return content;
    }
}
