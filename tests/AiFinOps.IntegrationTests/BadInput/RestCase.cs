using System.Net;

namespace AiFinOps.IntegrationTests.BadInput;

/// <summary>
/// One row of the REST half of the matrix: what is sent, and the answer expected — the status, the field its problem
/// details name in <c>errors</c> and words of the reason. <paramref name="StoredIn"/> is a list the request would have
/// added <paramref name="Marker"/> to, had anything of it been stored.
/// </summary>
public sealed record RestCase(
    string Name, Service Service, HttpMethod Method, string Path, Caller Caller, Body? Body,
    HttpStatusCode Status, string Field, string Reason, string? StoredIn = null, string? Marker = null);
