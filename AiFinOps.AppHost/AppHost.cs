using AiFinOps.AppHost.Infrastructure;

// AiFinOps on one machine:  apps ─gRPC→ ingest ─RabbitMQ→ allocation, budgeting, anomaly ─→ reporting,
// each keeping its Marten streams in PostgreSQL; alerts ─RabbitMQ→ notifications ─→ webhooks, Slack, e-mail;
// the gateway puts every REST API and the web dashboard behind http://localhost:8080.
var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ: local executables (deploy/local/*.sh), containers, or external servers (Infrastructure/).
// Their data, their passwords and the bootstrap admin key live in AIFINOPS_DATA_DIR, outside the repository.
var infrastructure = builder.AddAiFinOpsInfrastructure();
var (postgres, database) = infrastructure.AddPostgres("postgres", databaseName: "aifinops");
var (rabbitmq, messaging) = infrastructure.AddRabbitMq("rabbitmq", connectionName: "messaging");
var adminKey = infrastructure.AddAdminKey();

// Ingest owns API keys and prices: gRPC UsageIngest on its Kestrel endpoint "grpc" (port 5170), REST on "http".
var ingest = builder.AddProject<Projects.AiFinOps_Ingest>("ingest")
    .WithHttpEndpointUnlessDeclared().WithHttpHealthCheck("/health")
    .WithReference(database).WaitFor(postgres)
    .WithReference(messaging).WaitFor(rabbitmq)
    .WithEnvironment("AIFINOPS_ADMIN_KEY", adminKey);

// The consumers of priced usage. Each asks ingest whether an API key is valid.
var allocation = builder.AddProject<Projects.AiFinOps_Allocation>("allocation")
    .WithHttpEndpointUnlessDeclared().WithHttpHealthCheck("/health")
    .WithReference(database).WaitFor(postgres)
    .WithReference(messaging).WaitFor(rabbitmq)
    .WithReference(ingest);

var budgeting = builder.AddProject<Projects.AiFinOps_Budgeting>("budgeting")
    .WithHttpEndpointUnlessDeclared().WithHttpHealthCheck("/health")
    .WithReference(database).WaitFor(postgres)
    .WithReference(messaging).WaitFor(rabbitmq)
    .WithReference(ingest);

var anomaly = builder.AddProject<Projects.AiFinOps_Anomaly>("anomaly")
    .WithHttpEndpointUnlessDeclared().WithHttpHealthCheck("/health")
    .WithReference(database).WaitFor(postgres)
    .WithReference(messaging).WaitFor(rabbitmq)
    .WithReference(ingest);

// Monthly reports and quarterly review packs (Hangfire) over what the others recorded, read through their APIs with
// the admin key (the chargeback statement needs the finance scope).
var reporting = builder.AddProject<Projects.AiFinOps_Reporting>("reporting")
    .WithHttpEndpointUnlessDeclared().WithHttpHealthCheck("/health")
    .WithReference(database).WaitFor(postgres)
    .WithReference(messaging).WaitFor(rabbitmq)
    .WithReference(ingest)
    .WithReference(allocation)
    .WithReference(budgeting)
    .WithReference(anomaly)
    .WithEnvironment("AIFINOPS_ADMIN_KEY", adminKey);

// Ingest holds usage until the queues of exactly these consumers exist, so nothing accepted before one of them first
// started is dropped by the broker (docs/backpressure.md).
ingest.WithEnvironment("Ingest__Backpressure__Consumers",
    string.Join(',', new IResourceBuilder<ProjectResource>[] { allocation, budgeting, anomaly, reporting }.Select(c => c.Resource.Name)));

// Alert delivery: every AlertRaised to its subscriptions and recipients (webhooks, Slack, e-mail) with retries and a
// delivery log; the app host's Notifications:Smtp:* settings are passed on for e-mail.
var notifications = builder.AddProject<Projects.AiFinOps_Notifications>("notifications")
    .WithHttpEndpointUnlessDeclared().WithHttpHealthCheck("/health")
    .WithReference(database).WaitFor(postgres)
    .WithReference(messaging).WaitFor(rabbitmq)
    .WithReference(ingest)
    .WithSmtpSettings(builder.Configuration);

// The web dashboard reads the REST APIs with each signed-in user's own key: it holds no key of its own.
var web = builder.AddProject<Projects.AiFinOps_Web>("web")
    .WithHttpEndpointUnlessDeclared().WithHttpHealthCheck("/health")
    .WithReference(ingest).WaitFor(ingest)
    .WithReference(allocation)
    .WithReference(budgeting)
    .WithReference(anomaly)
    .WithReference(reporting);

// One front door for every REST API, the OpenAPI documents, the API reference (/scalar) and the dashboard (/).
builder.AddProject<Projects.AiFinOps_Gateway>("gateway")
    .WithHttpEndpointUnlessDeclared(port: 8080).WithHttpHealthCheck("/health")
    .WithReference(web)
    .WithReference(ingest)
    .WithReference(allocation)
    .WithReference(budgeting)
    .WithReference(anomaly)
    .WithReference(reporting)
    .WithReference(notifications);

// Ports:{resource}:{endpoint} moves an endpoint off its default port (a second system on this machine, the fault tests).
builder.UseConfiguredPorts();

builder.Build().Run();
