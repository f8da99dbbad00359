using SlmRag.Cli.Commands;

return await SlmRagCommandLine.Build().Parse(args).InvokeAsync();
