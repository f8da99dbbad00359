using SlmRag.Ingestion.Sandbox;

namespace SlmRag.Extractor;

/// <summary>
/// The entry point of slmrag-extract. A named class, not top-level statements: with the ASP.NET Core framework
/// referenced, a top-level <c>Program</c> would become public and collide with the API host's in tests.
/// </summary>
internal static class ExtractorProgram
{
    // One document per line in, one reply per line out; started and limited by the service (Ingestion:Sandbox).
    private static Task<int> Main() =>
        ExtractorChildHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), CancellationToken.None);
}
