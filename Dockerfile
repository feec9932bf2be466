# syntax=docker/dockerfile:1
# CalcApi: build with the .NET 10 SDK, run on the ASP.NET Core 10 runtime as a non-root user.
#   docker build -t calcapi .
#   docker run --rm -p 8080:8080 calcapi      # then open http://localhost:8080/swagger

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore first, from the project files alone, so the layer is reused until a dependency changes.
COPY global.json Directory.Build.props ./
COPY domain/CalcApi.Domain.csproj domain/
COPY api/CalcApi.Api.csproj api/
COPY api/Properties/PublishProfiles/ api/Properties/PublishProfiles/
# The ReadyToRun publish profile (linux-x64, compiled ahead of time: the first requests need no JIT; see
# scripts/cold-start.sh): the restore brings the runtime packs and crossgen for it.
RUN dotnet restore api/CalcApi.Api.csproj -p:PublishProfile=ReadyToRun

COPY domain/ domain/
COPY api/ api/
RUN dotnet publish api/CalcApi.Api.csproj -c Release -o /app --no-restore -p:PublishProfile=ReadyToRun

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS final
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
COPY --from=build /app .
USER $APP_UID
ENTRYPOINT ["dotnet", "CalcApi.Api.dll"]
