using AiFinOps.Reporting;
using AiFinOps.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiKeySecurity();
builder.AddReporting();

var app = builder.Build();

app.UseReporting();
app.MapDefaultEndpoints();

app.Run();
