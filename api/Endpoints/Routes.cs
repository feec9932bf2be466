namespace CalcApi.Api.Endpoints;

/// <summary>
/// Every route the API serves, stated once: the endpoint maps, the API and fuzz tests, and the load client
/// (tools/CalcApi.LoadTest, which compiles this file as its own, internal copy rather than referencing the API).
/// Each project declares the class's accessibility in its own one-line part.
/// </summary>
static partial class Routes
{
    public const string Home = "/";

    public const string Health = "/health";
    public const string HealthLive = Health + "/live";
    public const string HealthReady = Health + "/ready";

    public const string Differentiate = "/api/differentiate";
    public const string Gradient = "/api/gradient";
    public const string MatrixGradient = "/api/matrix-gradient";

    public const string Hessian = "/api/hessian";
    public const string Jacobian = "/api/jacobian";

    public const string Check = "/api/check";

    public const string Export = "/api/export";

    public const string Optimize = "/api/optimize";
    public const string OptimizeStream = Optimize + "/stream";
    public const string Landscape = Optimize + "/landscape";
}
