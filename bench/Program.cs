using CalcApi.Bench.Benchmarks;
using CalcApi.Bench.Report;

// dotnet run -c Release --project bench -- report [options]   checks and times the corpus (bench/README.md)
// dotnet run -c Release --project bench -- [options]          BenchmarkDotNet over the corpus
try
{
    return args switch
    {
        ["report", .. var rest] => ReportCommand.Run(rest),
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
        FILTER:
          --group textbook|scaling   --family NAME[,NAME]   --case ID[,ID]  (* is a wildcard: --case sc-*-128)
        """);
    return exitCode;
}
