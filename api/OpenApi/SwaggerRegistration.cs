using System.Text.Json;
using Microsoft.OpenApi;

namespace CalcApi.Api.OpenApi;

public static class SwaggerRegistration
{
    /// <summary>The OpenAPI document (with the contracts' XML comments and worked examples) behind /swagger.</summary>
    public static IServiceCollection AddCalcSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CalcApi",
                Version = "v1",
                Description = "Symbolic derivatives and gradients of expressions such as exp(cos(x^2)), and closed-form gradients " +
                              "of scalar functions of vectors and matrices such as (a'*W*b - c)^2: " +
                              "every result as text, LaTeX and MathML, with its value at a point on request. " +
                              "Errors are RFC 9457 problem documents (application/problem+json).",
            });
            options.IncludeXmlComments(typeof(SwaggerRegistration).Assembly);
            options.SupportNonNullableReferenceTypes();
            // A property whose type is another contract (a check's `expected`, `counterexample`) keeps its own description.
            options.UseAllOfToExtendReferenceSchemas();

            // Raw JSON in the contracts (`at`, `variables`, `wrt`, values of vectors and matrices) takes
            // several forms, which each property's description gives: any JSON value here.
            options.MapType<JsonElement>(() => new OpenApiSchema());
            options.MapType<System.Text.Json.Nodes.JsonNode>(() => new OpenApiSchema());
            options.OperationFilter<ExamplesOperationFilter>();
        });
        return services;
    }

    /// <summary>Serves the document at /swagger/v1/swagger.json and the UI at /swagger, in every environment.</summary>
    public static WebApplication UseCalcSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(options => options.DocumentTitle = "CalcApi");
        return app;
    }
}
