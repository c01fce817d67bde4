# The hub as a container image. Build: docker build -t datahub .   (see docker-compose.yml for the hub + PostGIS)
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/DataHub.Api/DataHub.Api.csproj src/DataHub.Api/
RUN dotnet restore src/DataHub.Api/DataHub.Api.csproj
COPY src/ src/
RUN dotnet publish src/DataHub.Api/DataHub.Api.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_URLS=http://+:8080 \
    DataHub__Database__ConnectionString="Data Source=/data/datahub.db"
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "DataHub.Api.dll"]
