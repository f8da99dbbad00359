using SlmRag.Api.Hosting;

var app = SlmRagWebApplication.Create(args);
app.Run();

/// <summary>Entry point, public for WebApplicationFactory.</summary>
public partial class Program;
