using AiFinOps.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDashboard();

var app = builder.Build();

app.MapDashboard();
app.MapDefaultEndpoints();

app.Run();
