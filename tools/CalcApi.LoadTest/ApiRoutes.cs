namespace CalcApi.LoadTest;

/// <summary>
/// The routes this client calls, stated once for the tool. This tool does not reference the API project,
/// so these copy api/Endpoints/Routes.cs; the API tests check that they still agree.
/// </summary>
public static class ApiRoutes
{
    public const string Health = "/health";
    public const string HealthReady = Health + "/ready";

    public const string Differentiate = "/api/differentiate";
    public const string Gradient = "/api/gradient";
    public const string MatrixGradient = "/api/matrix-gradient";

    public const string Optimize = "/api/optimize";
    public const string OptimizeStream = Optimize + "/stream";
    public const string Landscape = Optimize + "/landscape";
}
