using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// What the document says about the API as a whole: where it is served (relative to the document, so the UI's
/// "Try it out" calls the server it came from), that no operation needs credentials, and what each tag groups.
/// </summary>
public sealed class DocumentInfoFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Calculus"] = "Derivatives, gradients and matrix gradients in closed form, each as text, LaTeX and MathML, with values at a point on request.",
        ["Checking"] = "Is a learner's answer right: the verdict, a counterexample and the mistake named.",
        ["Optimisation"] = "Gradient descent on a loss: one answer at the end, or Server-Sent Events as the run goes, and the loss on a grid for plots.",
        ["Health"] = "Whether the service answers, for load balancers and orchestrators.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "The server that serves this document." }];

        // One empty requirement, `security: [{}]`: no operation needs credentials (an absent list would leave it unsaid).
        document.Security = [new OpenApiSecurityRequirement()];

        var used = DocumentOperations.All(document).SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>()).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(Tags.Where(t => used.Contains(t.Key)).Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
    }
}
