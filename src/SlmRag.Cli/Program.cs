using SlmRag.Cli.Commands;

CliOutput.Configure();
return await SlmRagCommandLine.Build().Parse(args).InvokeAsync();
