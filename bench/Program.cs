using CalcApi.Bench.Benchmarks;
using CalcApi.Bench.Check;
using CalcApi.Bench.Forms;
using CalcApi.Bench.Optimizer;
using CalcApi.Bench.Report;

// dotnet run -c Release --project bench -- report [options]             checks and times the corpus (bench/README.md)
// dotnet run -c Release --project bench -- [options]                    BenchmarkDotNet over the corpus
// dotnet run -c Release --project bench -- optimizer-report [options]   engine against hand-written gd, Stopwatch
// dotnet run -c Release --project bench -- optimizer [options]          the same with BenchmarkDotNet
// dotnet run -c Release --project bench -- methods-report [--runs N]    gd, momentum, adam, lbfgs and newton on least squares and Rosenbrock to a tolerance
// dotnet run -c Release --project bench -- check-report [options]       checks answers to textbook cases, Stopwatch
// dotnet run -c Release --project bench -- check [options]              the same with BenchmarkDotNet
// dotnet run -c Release --project bench -- forms                        answer sizes in operations against SymPy's simplify
try
{
    return args switch
    {
        ["report", .. var rest] => ReportCommand.Run(rest),
        ["optimizer-report", .. var rest] => OptimizerReportCommand.Run(rest),
        ["optimizer", .. var rest] => OptimizerBenchmarkCommand.Run(rest),
        ["methods-report", .. var rest] => MethodsReportCommand.Run(rest),
        ["check-report", .. var rest] => CheckReportCommand.Run(rest),
        ["check", .. var rest] => CheckBenchmarkCommand.Run(rest),
        ["forms", .. var rest] => FormsReportCommand.Run(rest),
        ["-h" or "--help" or "help", ..] => Usage(Console.Out, 0),
        ["bench", .. var rest] => BenchmarkCommand.Run(rest),
        _ => BenchmarkCommand.Run(args),
    };
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return Usage(Console.Error, 2);
}

static int Usage(TextWriter writer, int exitCode)
{
    writer.WriteLine("""
        Usage:
          dotnet run -c Release --project bench -- report [FILTER] [--reps N] [--timeout S] [--budget S] [--details]
          dotnet run -c Release --project bench -- [bench] [FILTER] [BenchmarkDotNet options, e.g. --filter *Derive*]
          dotnet run -c Release --project bench -- optimizer-report [--problem ID[,ID]] [--runs N]
          dotnet run -c Release --project bench -- optimizer [--problem ID[,ID]] [BenchmarkDotNet options]
          dotnet run -c Release --project bench -- methods-report [--runs N]
          dotnet run -c Release --project bench -- check-report [FILTER] [--reps N] [--budget S]
          dotnet run -c Release --project bench -- check [FILTER] [BenchmarkDotNet options]
          dotnet run -c Release --project bench -- forms
        FILTER:
          --group textbook|scaling   --family NAME[,NAME]   --case ID[,ID]  (* is a wildcard: --case sc-*-128)
        Optimizer problems: lecture-2x3, lecture-100x100, leastsq-1000x50.
        """);
    return exitCode;
}
