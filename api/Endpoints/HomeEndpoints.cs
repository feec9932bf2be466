using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>The site root: the optimisation playground (wwwroot/index.html), which links to the Swagger UI.</summary>
public static class HomeEndpoints
{
    public const string PlaygroundPage = "index.html";

    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Home, Home).ExcludeFromDescription();
        return app;
    }

    public static Results<PhysicalFileHttpResult, NotFound> Home(IWebHostEnvironment environment)
    {
        var page = environment.WebRootFileProvider.GetFileInfo(PlaygroundPage);
        return page is { Exists: true, PhysicalPath: { } path }
            ? TypedResults.PhysicalFile(path, "text/html; charset=utf-8")
            : TypedResults.NotFound();
    }
}
