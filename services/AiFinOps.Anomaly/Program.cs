using AiFinOps.Anomaly;
using AiFinOps.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiKeySecurity();
builder.AddAnomaly();

var app = builder.Build();

app.UseAnomaly();
app.MapDefaultEndpoints();

app.Run();
