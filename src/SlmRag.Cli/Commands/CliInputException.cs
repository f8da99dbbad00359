namespace SlmRag.Cli.Commands;

/// <summary>A mistake in what the user asked for; shown as a message, exit code 2.</summary>
internal sealed class CliInputException(string message) : Exception(message);
