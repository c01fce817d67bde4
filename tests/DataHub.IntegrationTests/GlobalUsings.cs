// The request and answer helpers every test uses (Json, GeoJson, Body, Problem, Send): callable by their names.
global using static DataHub.IntegrationTests.Infrastructure.Http;
// What nearly every test file uses: HTTP statuses, JSON nodes, the shared hub and builders.
global using System.Net;
global using System.Text;
global using System.Text.Json.Nodes;
global using DataHub.IntegrationTests.Infrastructure;
global using static DataHub.IntegrationTests.Infrastructure.Features;
