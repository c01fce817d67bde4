// The hub's own core, and what every edge and entity file uses (query records, result unions, entity mappings):
// named once here rather than at the head of every file.
global using System.ComponentModel;
global using System.Text.Json;
global using DataHub.Api.Access;
global using DataHub.Api.Data;
global using DataHub.Api.Http;
global using DataHub.Api.Operations;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.EntityFrameworkCore.Metadata.Builders;
global using Microsoft.Extensions.Options;
