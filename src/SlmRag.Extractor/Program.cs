using SlmRag.Ingestion.Sandbox;

// One document per line in, one reply per line out; started and limited by the service (Ingestion:Sandbox).
return await ExtractorChildHost.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput(), CancellationToken.None);
