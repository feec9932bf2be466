namespace CalcApi.Api.Endpoints;

/// <summary>The API's routes (<c>Routes.cs</c>), public here for the tests.</summary>
public static partial class Routes;
