using AiFinOps.Contracts.Usage.V1;
using Grpc.Core;

namespace AiFinOps.Client;

/// <summary>
/// A batch given up on: a permanent error (<c>UNAUTHENTICATED</c>, <c>PERMISSION_DENIED</c>, <c>INVALID_ARGUMENT</c>…),
/// transient failures past <see cref="UsageEmitterOptions.MaxAttempts"/>, or shutdown past its timeout.
/// </summary>
public sealed record BatchFailure(
    IReadOnlyList<UsageEvent> Events,
    StatusCode Status,
    string Detail,
    bool Transient,
    int Attempts,
    Exception Exception);
