using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// Says what the contracts' free-form JSON really is (points, values, declarations, name lists) and which
/// strings are closed sets, so that a client generated from the document gets types it can trust instead of
/// <c>unknown</c>. The contracts keep <c>JsonElement</c> because the server reads those fields by hand
/// (ValueReader, DeclarationReader) to name the field at fault; the schemas here describe what those readers accept.
/// </summary>
public sealed class ContractSchemasDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components!.Schemas!;
        AddSharedShapes(schemas, document);

        Replace(schemas, "DifferentiateRequest", "variable", Ref("Names", document));
        Replace(schemas, "DifferentiateResponse", "variable", Ref("Names", document));
        Replace(schemas, "DifferentiateRequest", "at", Ref("Point", document));
        Replace(schemas, "GradientRequest", "at", Ref("Point", document));
        Replace(schemas, "MatrixGradientRequest", "variables", Ref("Declarations", document));
        Replace(schemas, "MatrixGradientRequest", "wrt", Ref("Names", document));
        Replace(schemas, "MatrixGradientRequest", "at", Ref("Point", document));
        Replace(schemas, "CheckRequest", "variables", new OpenApiSchema
        {
            AnyOf = [Array(String()), Ref("Declarations", document)],
        });
        Replace(schemas, "CheckRequest", "wrt", Ref("Names", document));
        Replace(schemas, "CheckRequest", "answer", new OpenApiSchema
        {
            AnyOf = [String(), new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = String() }],
        });
        foreach (var request in new[] { "OptimizeRequest", "LandscapeRequest" })
        {
            Replace(schemas, request, "variables", Ref("Declarations", document));
            Replace(schemas, request, "constants", Ref("Point", document));
            Replace(schemas, request, "initial", Ref("Point", document));
        }

        Replace(schemas, "CounterexampleResponse", "at", Ref("ComputedPoint", document));
        Replace(schemas, "CounterexampleResponse", "expectedValue", Ref("ComputedValue", document));
        Replace(schemas, "CounterexampleResponse", "answerValue", Ref("ComputedValue", document));
        Replace(schemas, "MatrixGradientComponentResponse", "value", Ref("ComputedValue", document));
        Replace(schemas, "MatrixGradientComponentResponse", "shape", new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            MinItems = 2,
            MaxItems = 2,
            Items = new OpenApiSchema { AnyOf = [new OpenApiSchema { Type = JsonSchemaType.Integer }, String()] },
        });
        Replace(schemas, "OptimizeResponse", "solution", Ref("ComputedPoint", document));

        Enumerate(schemas, "OptimizerRequest", "method", ContractVocabulary.Methods);
        Enumerate(schemas, "OptimizerRequest", "lineSearch", ContractVocabulary.LineSearches);
        Enumerate(schemas, "OptimizeResponse", "method", ContractVocabulary.Methods);
        Enumerate(schemas, "OptimizeResponse", "stopReason", ContractVocabulary.StopReasons);
        Enumerate(schemas, "CheckRequest", "task", ContractVocabulary.CheckTasks);
        Enumerate(schemas, "CheckResponse", "verdict", ContractVocabulary.Verdicts);
        Enumerate(schemas, "CheckResponse", "decidedBy", ContractVocabulary.DecidedBy);
        Enumerate(schemas, "CheckedComponentResponse", "verdict", ContractVocabulary.Verdicts);
        Enumerate(schemas, "CheckedComponentResponse", "decidedBy", ContractVocabulary.DecidedBy);
        Enumerate(schemas, "DiagnosisResponse", "code", ContractVocabulary.DiagnosisCodes);
        Enumerate(schemas, "MatrixGradientComponentResponse", "kind", ContractVocabulary.VariableKinds);
        Enumerate(schemas, "MatrixGradientRequest", "layout", Contracts.LayoutReader.Names);
        Enumerate(schemas, "MatrixGradientResponse", "layout", Contracts.LayoutReader.Names);

        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            TypeNullableReferences(schema);
        }
    }

    /// <summary>The shapes several contracts share, as named schemas (a generated client gets one type for each).</summary>
    private static void AddSharedShapes(IDictionary<string, IOpenApiSchema> schemas, OpenApiDocument document)
    {
        var number = new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" };
        var numberOrNull = new OpenApiSchema { Type = JsonSchemaType.Number | JsonSchemaType.Null, Format = "double" };
        var size = new OpenApiSchema
        {
            Description = "A size: a positive whole number, or a size name such as `n`.",
            AnyOf = [new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" }, String()],
        };

        schemas["Value"] = new OpenApiSchema
        {
            Description = "A value: a number (scalar), an array of numbers (vector) or an array of rows of numbers (matrix). Every number is finite.",
            AnyOf = [number, Array(number), Array(Array(number))],
        };
        schemas["ComputedValue"] = new OpenApiSchema
        {
            Description = "A value the server computed: a number (scalar), an array (vector) or an array of rows (matrix), " +
                          "each number null where it is not finite; the whole value is null where the expression is not defined.",
            AnyOf = [numberOrNull, Array(numberOrNull), Array(Array(numberOrNull))],
        };
        schemas["Point"] = new OpenApiSchema
        {
            Description = "Values by name: a number per scalar, an array per vector, an array of rows per matrix, e.g. `{\"a\": [1, 2], \"W\": [[1, 0], [0, 1]], \"c\": 2}`.",
            Type = JsonSchemaType.Object,
            AdditionalProperties = Ref("Value", document),
        };
        schemas["ComputedPoint"] = new OpenApiSchema
        {
            Description = "Values by name, as the server writes them: each a number, an array (vector) or an array of rows (matrix).",
            Type = JsonSchemaType.Object,
            AdditionalProperties = Ref("ComputedValue", document),
        };
        schemas["VariableDeclaration"] = new OpenApiSchema
        {
            Description = "A name's kind: `\"scalar\"`, `\"vector\"` or `\"matrix\"`, or the long form with sizes, " +
                          "e.g. `{\"kind\": \"matrix\", \"rows\": \"n\", \"cols\": 3, \"symmetric\": true}` or `{\"shape\": [2, 3]}`.",
            AnyOf =
            [
                Enumeration(String(), ContractVocabulary.VariableKinds),
                new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    AdditionalPropertiesAllowed = false,
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["kind"] = Enumeration(String(), ContractVocabulary.VariableKinds),
                        ["rows"] = size,
                        ["length"] = size,
                        ["cols"] = size,
                        ["shape"] = new OpenApiSchema { Type = JsonSchemaType.Array, MinItems = 1, MaxItems = 2, Items = size },
                        ["symmetric"] = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                    },
                },
            ],
        };
        schemas["Declarations"] = new OpenApiSchema
        {
            Description = "Kinds of the names: `{\"a\": \"vector\", \"W\": \"matrix\", \"c\": \"scalar\"}`, each a kind or its long form.",
            Type = JsonSchemaType.Object,
            AdditionalProperties = Ref("VariableDeclaration", document),
        };
        schemas["Names"] = new OpenApiSchema
        {
            Description = "One name, or an array of names.",
            AnyOf = [String(), Array(String())],
        };
    }

    /// <summary>Replaces a property's schema with <paramref name="schema"/>, keeping the description the contract's XML comment gave it.</summary>
    private static void Replace(IDictionary<string, IOpenApiSchema> schemas, string schemaName, string property, IOpenApiSchema schema)
    {
        var properties = Properties(schemas, schemaName);
        var description = properties[property].Description;
        properties[property] = schema is OpenApiSchemaReference reference
            ? new OpenApiSchema { AllOf = [reference], Description = description }
            : With(schema, description);
    }

    private static OpenApiSchema With(IOpenApiSchema schema, string? description)
    {
        var copy = (OpenApiSchema)schema.CreateShallowCopy();
        copy.Description = description;
        return copy;
    }

    /// <summary>Makes a string property a closed set (a nullable one stays nullable: null means "the default").</summary>
    private static void Enumerate(IDictionary<string, IOpenApiSchema> schemas, string schemaName, string property, IReadOnlyList<string> values)
    {
        var properties = Properties(schemas, schemaName);
        properties[property] = Enumeration((OpenApiSchema)properties[property], values);
    }

    private static OpenApiSchema Enumeration(OpenApiSchema schema, IReadOnlyList<string> values)
    {
        schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
        return schema;
    }

    private static IDictionary<string, IOpenApiSchema> Properties(IDictionary<string, IOpenApiSchema> schemas, string schemaName) =>
        schemas.TryGetValue(schemaName, out var schema) && schema.Properties is { } properties
            ? properties
            : throw new InvalidOperationException($"The contract {schemaName} is not in the document: the schema refinements name it.");

    /// <summary>
    /// A nullable property that refers to another contract comes out as <c>allOf</c> with <c>nullable</c> and no
    /// <c>type</c>, which OpenAPI 3.0 forbids (nullable applies to a type); the referenced contracts are objects.
    /// </summary>
    private static void TypeNullableReferences(OpenApiSchema schema)
    {
        foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
        {
            if (property.AllOf is { Count: > 0 } && property.Type == JsonSchemaType.Null)
            {
                property.Type = JsonSchemaType.Object | JsonSchemaType.Null;
            }
        }
    }

    private static OpenApiSchemaReference Ref(string name, OpenApiDocument document) => new(name, document);

    private static OpenApiSchema String() => new() { Type = JsonSchemaType.String };

    private static OpenApiSchema Array(IOpenApiSchema items) => new() { Type = JsonSchemaType.Array, Items = items };
}
