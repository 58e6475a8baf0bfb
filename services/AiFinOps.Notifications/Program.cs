using AiFinOps.Notifications;
using AiFinOps.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiKeySecurity();
builder.AddNotifications();

var app = builder.Build();

app.UseNotifications();
app.MapDefaultEndpoints();

app.Run();
