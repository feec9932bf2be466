namespace CalcApi.Api.Endpoints;

/// <summary>Every route the API serves, stated once: the endpoint maps, the API tests and the fuzz tests all use these.</summary>
public static class Routes
{
    public const string Home = "/";

    public const string Health = "/health";
    public const string HealthLive = Health + "/live";
    public const string HealthReady = Health + "/ready";

    public const string Differentiate = "/api/differentiate";
    public const string Gradient = "/api/gradient";
    public const string MatrixGradient = "/api/matrix-gradient";

    public const string Optimize = "/api/optimize";
    public const string OptimizeStream = Optimize + "/stream";
    public const string Landscape = Optimize + "/landscape";
}
