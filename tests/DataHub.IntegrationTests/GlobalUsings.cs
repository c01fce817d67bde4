// The request and answer helpers every test uses (Json, GeoJson, Body, Problem, Send): callable by their names.
global using static DataHub.IntegrationTests.Infrastructure.Http;
