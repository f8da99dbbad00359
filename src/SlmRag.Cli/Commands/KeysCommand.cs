using System.CommandLine;
using System.Text.Json;
using SlmRag.Api.Security;

namespace SlmRag.Cli.Commands;

/// <summary><c>slmrag keys create</c>: makes an API key and prints it once, with the configuration entry (its hash) to add.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { Required = true, Description = "Who or what uses the key (logged, and the rate-limit partition)." };
        var scopes = new Option<string[]>("--scope") { Description = "admin, ingest or query (repeatable).", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => [Scopes.Query] };
        var collections = new Option<string[]>("--collection") { Description = "A collection the key may use (repeatable; none: all).", AllowMultipleArgumentsPerToken = true };
        var groups = new Option<string[]>("--group") { Description = "A group of the caller, for document access lists (repeatable).", AllowMultipleArgumentsPerToken = true };
        var origins = new Option<string[]>("--origin") { Description = "Makes a publishable widget key, valid from this web origin (repeatable).", AllowMultipleArgumentsPerToken = true };
        var create = new Command("create", "Create an API key.") { name, scopes, collections, groups, origins };
        create.SetAction((parse, _) => CliErrors.Run(() =>
        {
            var chosen = (parse.GetValue(scopes) ?? []).Select(s => s.ToLowerInvariant()).ToList();
            if (chosen.Count == 0 || chosen.Any(s => !Scopes.All.Contains(s)))
            {
                throw new CliInputException($"--scope takes {string.Join(", ", Scopes.All)}.");
            }

            var webOrigins = parse.GetValue(origins) ?? [];
            var key = ApiKeyHasher.NewKey();
            var entry = new ApiKeyEntry
            {
                Name = parse.GetValue(name)!,
                Hash = ApiKeyHasher.Hash(key),
                Scopes = webOrigins.Length > 0 ? [Scopes.Query] : chosen,
                Collections = [.. parse.GetValue(collections) ?? []],
                Groups = [.. parse.GetValue(groups) ?? []],
                Publishable = webOrigins.Length > 0,
                Origins = [.. webOrigins],
            };
            // The key alone on its line and never wrapped in colour codes, so it can be copied or cut from a pipe.
            Console.WriteLine("API key (shown once; store it in a secret manager):");
            Console.WriteLine(key);
            Console.WriteLine("Add this entry to Auth:Keys in appsettings.json (only the hash is stored):");
            Console.WriteLine(JsonSerializer.Serialize(entry, new JsonSerializerOptions { WriteIndented = true }));
            return Task.FromResult(0);
        }));
        return new Command("keys", "Manage API keys.") { create };
    }
}
