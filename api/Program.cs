using System.Text.Json.Serialization;
using CalcApi.Api.Configuration;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Errors;
using CalcApi.Api.Logging;
using CalcApi.Api.OpenApi;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.AddCalcRequestLog();

builder.Services.AddCalculationLimits(builder.Configuration);
builder.Services.AddCalcProblemDetails();
builder.Services.AddValidation();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
builder.Services.AddCalcSwagger();
builder.Services.AddCalcCrossOrigin(builder.Configuration);
builder.Services.AddCalcRateLimiting(builder.Configuration);
builder.Services.AddCalcHealthChecks();
builder.Services.AddCalcTimeouts(builder.Configuration);
builder.Services.AddCalcWarmup(builder.Configuration);

var app = builder.Build();

app.UseCalcRequestLogging();
app.UseCalcProblemDetails();
app.UseCalcCrossOrigin();
app.UseRateLimiter();
app.UseRequestTimeouts();
app.UseCalcSwagger();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapHome();
app.MapHealth();
app.MapCalculus();
app.MapCheck();
app.MapExport();
app.MapSecondOrder();
app.MapOptimization();

app.Run();
