using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFinOps.Ingest.Recording.UnreadableRequests;

/// <summary>Swaps Grpc.AspNetCore's method provider for <see cref="ReadableRequestsMethodProvider{TService}"/>.</summary>
public static class ReadableRequestsRegistration
{
    /// <summary>Call after <c>AddGrpc</c>: every gRPC service of the host answers an unreadable request INVALID_ARGUMENT.</summary>
    public static IServiceCollection AddReadableGrpcRequests(this IServiceCollection services)
    {
        services.RemoveAll(typeof(IServiceMethodProvider<>));
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(ReadableRequestsMethodProvider<>)));
        return services;
    }
}
