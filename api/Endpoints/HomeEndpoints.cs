using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>The site root: for now it sends people to the interactive API documentation.</summary>
public static class HomeEndpoints
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Home).ExcludeFromDescription();
        return app;
    }

    public static RedirectHttpResult Home() => TypedResults.Redirect("/swagger");
}
