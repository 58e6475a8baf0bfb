using AiFinOps.Budgeting;
using AiFinOps.ServiceDefaults.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApiKeySecurity();
builder.AddBudgeting();

var app = builder.Build();

app.UseBudgeting();
app.MapDefaultEndpoints();

app.Run();
