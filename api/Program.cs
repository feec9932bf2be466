using System.Text.Json.Serialization;
using CalcApi.Api.Configuration;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Errors;
using CalcApi.Api.Logging;
using CalcApi.Api.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCalculationLimits(builder.Configuration);
builder.Services.AddCalcProblemDetails();
builder.Services.AddValidation();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
builder.Services.AddCalcSwagger();
builder.Services.AddCalcRateLimiting(builder.Configuration);
builder.Services.AddCalcHealthChecks();

// The framework's request timeout, a backstop above the engine's own budgets: it cancels the request's
// token, which reaches the engine (Limits:RequestTimeoutSeconds, Limits:MaxRunSeconds stop it sooner).
builder.Services.AddRequestTimeouts(options => options.DefaultPolicy = new Microsoft.AspNetCore.Http.Timeouts.RequestTimeoutPolicy
{
    Timeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("RequestTimeoutBackstopSeconds", 60)),
});

// On SIGTERM, finish the requests in flight (an optimisation run takes at most Limits:MaxRunSeconds).
builder.Services.Configure<HostOptions>(options =>
    options.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("ShutdownTimeoutSeconds", 30)));

var app = builder.Build();

app.UseCalcRequestLogging();
app.UseCalcProblemDetails();
app.UseRateLimiter();
app.UseRequestTimeouts();
app.UseCalcSwagger();
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapHome();
app.MapHealth();
app.MapCalculus();
app.MapOptimization();

app.Run();
