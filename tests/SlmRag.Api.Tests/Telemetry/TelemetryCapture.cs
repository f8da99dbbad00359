using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SlmRag.Api.Tests.Telemetry;

/// <summary>The service's own OpenTelemetry setup with in-memory exporters added: what an OTLP collector would receive.</summary>
internal sealed class TelemetryCapture
{
    public LockedCollection<MetricSnapshot> Metrics { get; } = new();

    public LockedCollection<Activity> Spans { get; } = new();

    public void AddTo(IServiceCollection services)
    {
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
    }

    /// <summary>Collects every instrument now (gauges read the job store at this moment) and exports finished spans.</summary>
    public void Flush(IServiceProvider services)
    {
        Assert.True(services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
    }

    /// <summary>
    /// The span matching <paramref name="match"/>, waiting for it: the test server can hand the client the whole
    /// response before the server's request span has ended (and so been exported).
    /// </summary>
    public async Task<Activity> SpanAsync(IServiceProvider services, Func<Activity, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            services.GetRequiredService<TracerProvider>().ForceFlush(10_000);
            if (Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException("The span was not exported within 5 s.");
    }

    /// <summary>The latest collected point of <paramref name="name"/> whose tags include all of <paramref name="tags"/>.</summary>
    public MetricPoint Point(string name, params (string Key, object? Value)[] tags)
    {
        var metric = Metrics.LastOrDefault(m => m.Name == name) ?? throw new InvalidOperationException($"No metric {name} was collected.");
        var points = metric.MetricPoints.Where(p => tags.All(t => Tag(p, t.Key)?.Equals(t.Value) == true)).ToList();
        Assert.True(points.Count == 1, $"{points.Count} points of {name} with tags {string.Join(", ", tags)}");
        return points[0];
    }

    public static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }
}
