# The hub as a container image. Build: docker build -t datahub .   (see docker-compose.yml for the hub + PostGIS)
# The map (src/DataHub.Web) is built in a Node stage; the hub's publish then finds it in wwwroot.
FROM node:20-bookworm-slim AS web
WORKDIR /source/src/DataHub.Web
COPY src/DataHub.Web/package.json src/DataHub.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/DataHub.Web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/DataHub.Api/DataHub.Api.csproj src/DataHub.Api/
RUN dotnet restore src/DataHub.Api/DataHub.Api.csproj
COPY src/DataHub.Api/ src/DataHub.Api/
COPY --from=web /source/src/DataHub.Api/wwwroot/ src/DataHub.Api/wwwroot/
RUN dotnet publish src/DataHub.Api/DataHub.Api.csproj -c Release -o /app --no-restore -p:SkipWebBuild=true

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
