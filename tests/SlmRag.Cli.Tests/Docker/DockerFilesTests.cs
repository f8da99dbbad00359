using System.Text.RegularExpressions;
using SlmRag.Testing;
using YamlDotNet.RepresentationModel;

namespace SlmRag.Cli.Tests.Docker;

/// <summary>
/// docker/compose.yaml and docker/Dockerfile, checked without a Docker engine (none exists here): they parse,
/// every path they build from, copy or run exists, the entry point is the CLI's assembly, and the Qdrant
/// service sits in its own profile with a pinned version.
/// </summary>
public sealed partial class DockerFilesTests
{
    private static string Docker => Path.Combine(RepositoryPaths.Root, "docker");

    [GeneratedRegex(@"^\s*COPY\s+(?!--from)(.+?)\s+(\S+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Copy();

    [GeneratedRegex(@"(scripts/[\w.-]+\.sh)")]
    private static partial Regex Script();

    [Fact]
    public void The_compose_file_builds_the_service_with_the_sample_corpus_and_puts_Qdrant_in_a_profile()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Docker, "compose.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var services = (YamlMappingNode)root["services"];
        var volumes = ((YamlMappingNode)root["volumes"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        var dockerfile = File.ReadAllText(Path.Combine(Docker, "Dockerfile"));

        var slmrag = (YamlMappingNode)services["slmrag"];
        Assert.False(slmrag.Children.ContainsKey("profiles"), "the default service must start without a profile");
        var command = ((YamlSequenceNode)slmrag["command"]).Select(n => n.ToString()).ToList();
        var ingest = command[command.IndexOf("--ingest") + 1];
        Assert.Equal("serve", command[0]);
        Assert.Contains($"COPY corpora/handbook {ingest}", dockerfile);

        foreach (var (name, node) in services.Children.Select(c => (c.Key.ToString(), (YamlMappingNode)c.Value)))
        {
            if (node.Children.TryGetValue("build", out var build))
            {
                var context = Path.GetFullPath(Path.Combine(Docker, ((YamlMappingNode)build)["context"].ToString()));
                Assert.True(File.Exists(Path.Combine(context, ((YamlMappingNode)build)["dockerfile"].ToString())), $"{name}: dockerfile");
                Assert.Equal(RepositoryPaths.Root.TrimEnd('/'), context.TrimEnd('/'));
            }

            foreach (var mount in node.Children.TryGetValue("volumes", out var list) ? (YamlSequenceNode)list : [])
            {
                var source = mount.ToString().Split(':')[0];
                Assert.True(volumes.Contains(source) || Directory.Exists(Path.Combine(Docker, source)), $"{name}: volume '{source}' is not declared");
            }

            if (node.Children.TryGetValue("depends_on", out var dependencies))
            {
                Assert.All((YamlSequenceNode)dependencies, d => Assert.True(services.Children.ContainsKey(d), $"{name} depends on a missing service {d}"));
            }
        }

        var qdrant = (YamlMappingNode)services["qdrant"];
        Assert.Contains("qdrant", ((YamlSequenceNode)qdrant["profiles"]).Select(n => n.ToString()));
        Assert.Equal("qdrant/qdrant:${QDRANT_VERSION}", qdrant["image"].ToString());
        Assert.Matches(@"(?m)^QDRANT_VERSION=v\d+\.\d+\.\d+$", File.ReadAllText(Path.Combine(Docker, ".env")));
        Assert.Contains(services.Children, s => s.Key.ToString() != "qdrant" && ((YamlMappingNode)s.Value).Children.TryGetValue("environment", out var e)
            && ((YamlMappingNode)e).Children.Any(v => v.Key.ToString() == "Storage__Provider" && v.Value.ToString() == "Qdrant"));
    }

    [Fact]
    public void The_Dockerfile_copies_and_runs_only_what_exists_and_starts_the_cli()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Docker, "Dockerfile"));

        var copies = Copy().Matches(dockerfile).Select(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).SelectMany(s => s).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, source => Assert.True(source == "." || File.Exists(Path.Combine(RepositoryPaths.Root, source)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, source)), $"COPY {source}: missing"));
        var scripts = Script().Matches(dockerfile).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, script)), $"{script}: missing"));
        Assert.Contains("dotnet publish src/SlmRag.Cli ", dockerfile);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "src", "SlmRag.Cli", "SlmRag.Cli.csproj")));
        var assembly = Regex.Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "src", "SlmRag.Cli", "SlmRag.Cli.csproj")), "<AssemblyName>(.+)</AssemblyName>").Groups[1].Value;
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", dockerfile);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0", dockerfile);
    }
}
