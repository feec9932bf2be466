using System.Text.Json;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Api.Contracts;

/// <summary>What a loss is evaluated on: the kinds of its names, the values held fixed, and the starting values of the unknowns.</summary>
public sealed record LossInputs(
    IReadOnlyDictionary<string, VariableDeclaration>? Variables,
    IReadOnlyDictionary<string, Value>? Constants,
    IReadOnlyDictionary<string, Value> Initial);

/// <summary>Reads <c>variables</c>, <c>constants</c> and <c>initial</c> of the optimisation endpoints, in that order; <c>initial</c> is required.</summary>
public static class LossInputsReader
{
    public static Outcome<LossInputs> Read(JsonElement? variables, JsonElement? constants, JsonElement? initial) =>
        DeclarationReader.Read(variables).Then(declarations =>
        ValueReader.Read(constants, "constants").Then(fixedValues =>
        ValueReader.Read(initial, "initial").Then(start => start is null
            ? Outcome<LossInputs>.Failure(new CalcError(ErrorKind.InvalidArgument, "Nothing to optimise", "`initial` is required: the starting values of the variables to optimise, e.g. {\"W\": [[0, 0], [0, 0]]}."))
            : new LossInputs(declarations, fixedValues, start))));
}
