using CalcApi.Domain.Expressions;

namespace CalcApi.Bench.Engine;

/// <summary>What one run of the pipeline produced: the bound input, its derivative and the derivative as text.</summary>
public sealed record PipelineResult(Expr Input, Expr Derivative, string Text);
