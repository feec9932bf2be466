using System.Text.Json.Serialization;
using CalcApi.Api.Configuration;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Errors;
using CalcApi.Api.OpenApi;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCalculationLimits(builder.Configuration);
builder.Services.AddCalcProblemDetails();
builder.Services.AddValidation();
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
builder.Services.AddCalcSwagger();

var app = builder.Build();

app.UseCalcProblemDetails();
app.UseCalcSwagger();

app.MapHome();
app.MapHealth();
app.MapCalculus();
app.MapOptimization();

app.Run();
