using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// A handler that answers 200 in more than one form (the Hessian and the Jacobian: a table of entries for scalar
/// variables, a closed form for a vector) declares them all: the 200 schema is anyOf the forms, so a generated client
/// gets a type for each. Swashbuckle alone documents one of them.
/// </summary>
public sealed class AlternativeAnswersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var forms = OkTypes(context.MethodInfo.ReturnType).ToList();
        if (forms.Count < 2 || operation.Responses?.TryGetValue("200", out var ok) != true
            || ok!.Content?.TryGetValue("application/json", out var media) != true)
        {
            return;
        }

        media!.Schema = new OpenApiSchema
        {
            AnyOf = [.. forms.Select(type => context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository))],
        };
    }

    /// <summary>The T of every Ok&lt;T&gt; among a Results&lt;…&gt;'s type arguments.</summary>
    private static IEnumerable<Type> OkTypes(Type returnType) =>
        returnType.IsGenericType
            ? returnType.GetGenericArguments().Where(t => t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Ok<>)).Select(t => t.GetGenericArguments()[0])
            : [];
}
