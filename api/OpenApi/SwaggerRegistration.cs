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
                Description = "Symbolic derivatives and gradients of expressions such as `exp(cos(x^2))`, and closed-form gradients " +
                              "of scalar functions of vectors and matrices such as `(a'*W*b - c)^2`: " +
                              "every result as text, LaTeX and MathML, with its value at a point on request. " +
                              "Errors are RFC 9457 problem documents (`application/problem+json`), including the ones the framework answers " +
                              "before an operation runs: 405 for a method a path does not answer (every calculation is a POST), " +
                              "413 for a body over the size limit, 415 for a body not sent as JSON, 429 over the rate limit.",
            });
            options.IncludeXmlComments(typeof(SwaggerRegistration).Assembly);
            options.SupportNonNullableReferenceTypes();
            // A property whose type is another contract (a check's `expected`, `counterexample`) keeps its own description.
            options.UseAllOfToExtendReferenceSchemas();

            // Raw JSON in the contracts (`at`, `variables`, `wrt`, values of vectors and matrices) takes
            // several forms: any JSON value here, which ContractSchemasDocumentFilter then says precisely.
            options.MapType<JsonElement>(() => new OpenApiSchema());
            options.MapType<System.Text.Json.Nodes.JsonNode>(() => new OpenApiSchema());
            options.OperationFilter<AlternativeAnswersOperationFilter>();
            options.OperationFilter<ExamplesOperationFilter>();
            options.DocumentFilter<ContractSchemasDocumentFilter>();
            options.DocumentFilter<ServerSentEventsDocumentFilter>();
            options.DocumentFilter<ProblemResponsesDocumentFilter>();
            options.DocumentFilter<DocumentInfoFilter>();
            // Last: every description written above and by the contracts' XML comments, escaped for Markdown.
            options.DocumentFilter<MarkdownSafeDescriptionsDocumentFilter>();
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
