namespace CalcApi.Api.Endpoints;

/// <summary>The API's routes, compiled from api/Endpoints/Routes.cs (see the project file); internal, so the tests see only the API's own.</summary>
internal static partial class Routes;
