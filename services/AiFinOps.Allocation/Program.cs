using AiFinOps.Allocation;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddAllocation();

var app = builder.Build();

app.UseAllocation();
app.MapDefaultEndpoints();

app.Run();
