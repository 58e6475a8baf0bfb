using AiFinOps.Ingest;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIngest();

var app = builder.Build();

app.UseIngest();
app.MapDefaultEndpoints();

app.Run();
