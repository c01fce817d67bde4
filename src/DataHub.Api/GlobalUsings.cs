// The hub's own core, used by nearly every feature: named once here rather than at the head of every file.
global using System.Text.Json;
global using DataHub.Api.Access;
global using DataHub.Api.Data;
global using DataHub.Api.Http;
global using DataHub.Api.Operations;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.Options;
