using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.AppHost.Infrastructure;

/// <summary>A server the services wait for, and the connection string they reference (the same resource when
/// Aspire models both, as with containers).</summary>
public sealed record BackingService(IResourceBuilder<IResource> Server, IResourceBuilder<IResourceWithConnectionString> Connection);

/// <summary>
/// PostgreSQL and RabbitMQ in the chosen <see cref="InfrastructureMode"/>, with their passwords and the bootstrap
/// admin key kept in the <see cref="LocalData"/> folder.
/// </summary>
public sealed class AiFinOpsInfrastructure(IDistributedApplicationBuilder builder, InfrastructureMode mode, LocalData data)
{
    private const string RabbitMqUser = "aifinops";

    public InfrastructureMode Mode => mode;

    public LocalData Data => data;

    /// <summary>The PostgreSQL server and its database <paramref name="databaseName"/> (Npgsql connection string).</summary>
    public BackingService AddPostgres(string serverName, string databaseName) => mode switch
    {
        InfrastructureMode.Executables => PostgresExecutable(serverName, databaseName),
        InfrastructureMode.Containers => PostgresContainer(serverName, databaseName),
        _ => External(databaseName),
    };

    /// <summary>The RabbitMQ broker and the <c>amqp://user:password@host:port</c> connection string <paramref name="connectionName"/>.</summary>
    public BackingService AddRabbitMq(string serverName, string connectionName) => mode switch
    {
        InfrastructureMode.Executables => RabbitMqExecutable(serverName, connectionName),
        InfrastructureMode.Containers => RabbitMqContainer(connectionName),
        _ => External(connectionName),
    };

    /// <summary>The bootstrap admin key: <c>AIFINOPS_ADMIN_KEY</c>, else the parameter <c>admin-key</c>, else one
    /// generated once into the data folder (<c>secrets/admin-key</c>).</summary>
    public IResourceBuilder<ParameterResource> AddAdminKey()
    {
        var key = builder.Configuration["AIFINOPS_ADMIN_KEY"] is { Length: > 0 } fromEnvironment ? fromEnvironment
            : builder.Configuration["Parameters:admin-key"] is { Length: > 0 } fromParameter ? fromParameter
            : data.Secret("admin-key", prefix: "afo_admin_");
        return builder.AddParameter("admin-key", key, secret: true);
    }

    private BackingService PostgresExecutable(string serverName, string databaseName)
    {
        var port = builder.Configuration.GetValue("Postgres:Port", 5432);
        var password = Password("postgres-password");
        var server = builder.AddExecutable(serverName, Script("postgres.sh"), ScriptsFolder,
                "--dir", Path.Combine(data.Root, "postgres"),
                "--port", port.ToString(),
                "--password-file", data.SecretPath("postgres-password"),
                "--database", databaseName)
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "tcp", isProxied: false)
            .WithHealthCheck(TcpHealthCheck(serverName, port));

        var endpoint = server.GetEndpoint("tcp");
        var database = builder.AddConnectionString(databaseName, ReferenceExpression.Create(
            $"Host=127.0.0.1;Port={endpoint.Property(EndpointProperty.Port)};Database={databaseName};Username=postgres;Password={password.Resource}"));
        return new BackingService(server, database);
    }

    private BackingService PostgresContainer(string serverName, string databaseName)
    {
        var server = builder.AddPostgres(serverName, password: Password("postgres-password")).WithDataVolume();
        return new BackingService(server, server.AddDatabase(databaseName));
    }

    private BackingService RabbitMqExecutable(string serverName, string connectionName)
    {
        var port = builder.Configuration.GetValue("RabbitMQ:Port", 5672);
        var password = Password("rabbitmq-password");
        List<string> args =
        [
            "--dir", Path.Combine(data.Root, "rabbitmq"),
            "--port", port.ToString(),
            "--user", RabbitMqUser,
            "--password-file", data.SecretPath("rabbitmq-password"),
        ];
        // Unset, the script derives them from the AMQP port; set them when two brokers would otherwise collide.
        if (builder.Configuration["RabbitMQ:DistPort"] is { Length: > 0 } distPort) args.AddRange(["--dist-port", distPort]);
        if (builder.Configuration["RabbitMQ:EpmdPort"] is { Length: > 0 } epmdPort) args.AddRange(["--epmd-port", epmdPort]);

        var server = builder.AddExecutable(serverName, Script("rabbitmq.sh"), ScriptsFolder, [.. args])
            .WithEndpoint(port: port, targetPort: port, scheme: "tcp", name: "amqp", isProxied: false)
            .WithHealthCheck(TcpHealthCheck(serverName, port));

        var endpoint = server.GetEndpoint("amqp");
        var messaging = builder.AddConnectionString(connectionName, ReferenceExpression.Create(
            $"amqp://{RabbitMqUser}:{password.Resource}@127.0.0.1:{endpoint.Property(EndpointProperty.Port)}"));
        return new BackingService(server, messaging);
    }

    private BackingService RabbitMqContainer(string connectionName)
    {
        var user = builder.AddParameter("rabbitmq-user", RabbitMqUser);
        var broker = builder.AddRabbitMQ(connectionName, user, Password("rabbitmq-password")).WithDataVolume();
        return new BackingService(broker, broker);
    }

    private BackingService External(string connectionName)
    {
        var connection = builder.AddConnectionString(connectionName);
        return new BackingService(connection, connection);
    }

    private IResourceBuilder<ParameterResource> Password(string name) =>
        builder.AddParameter(name, data.Secret(name), secret: true);

    private string TcpHealthCheck(string serverName, int port)
    {
        var key = $"{serverName}-tcp";
        builder.Services.AddHealthChecks().AddCheck(key, new TcpHealthCheck("127.0.0.1", port));
        return key;
    }

    private string ScriptsFolder => Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "deploy", "local"));

    private string Script(string name) => Path.Combine(ScriptsFolder, name);
}
