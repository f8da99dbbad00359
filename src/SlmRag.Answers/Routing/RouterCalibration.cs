namespace SlmRag.Answers.Routing;

/// <summary>
/// Fits the router's logistic model to labeled questions (gradient descent with a little L2), then picks
/// the threshold with the best accuracy among those escalating at most the target share, the way
/// RouteLLM calibrates its routers to a cost budget.
/// </summary>
public static class RouterCalibration
{
    public static RouterFit Fit(IReadOnlyList<(RouteFeatures Features, bool Escalate)> examples, double targetShare, int iterations = 4000, double rate = 0.5, double l2 = 0.001)
    {
        var names = examples[0].Features.Vector.Keys.ToList();
        var x = examples.Select(e => names.Select(n => e.Features.Vector[n]).ToArray()).ToList();
        var y = examples.Select(e => e.Escalate ? 1.0 : 0.0).ToList();
        var w = new double[names.Count];
        var b = 0.0;
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var gradient = new double[w.Length];
            var gradientBias = 0.0;
            for (var i = 0; i < x.Count; i++)
            {
                var error = Sigmoid(b + Dot(w, x[i])) - y[i];
                for (var j = 0; j < w.Length; j++)
                {
                    gradient[j] += error * x[i][j];
                }

                gradientBias += error;
            }

            for (var j = 0; j < w.Length; j++)
            {
                w[j] -= rate * (gradient[j] / x.Count + l2 * w[j]);
            }

            b -= rate * gradientBias / x.Count;
        }

        var probabilities = x.Select(v => Sigmoid(b + Dot(w, v))).ToList();
        var best = (Threshold: 0.999, Accuracy: -1.0);
        foreach (var candidate in probabilities.Append(0.5).Distinct().Order())
        {
            var escalated = probabilities.Count(p => p >= candidate);
            if (escalated > targetShare * probabilities.Count)
            {
                continue;
            }

            var accuracy = probabilities.Select((p, i) => (p >= candidate) == (y[i] == 1) ? 1 : 0).Average();
            if (accuracy > best.Accuracy)
            {
                best = (candidate, accuracy);
            }
        }

        var weights = names.Select((n, j) => (n, Math.Round(w[j], 4))).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);
        return new RouterFit(weights, Math.Round(b, 4), Math.Round(best.Threshold, 4));
    }

    /// <summary>Accuracy, escalation share and the confusion matrix of settings on labeled questions.</summary>
    public static RouterEvaluation Evaluate(IReadOnlyList<(RouteFeatures Features, bool Escalate)> examples, RouterOptions settings)
    {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        foreach (var (features, escalate) in examples)
        {
            var predicted = QuestionRouter.Score(features, settings).Probability >= settings.Threshold;
            (tp, fp, tn, fn) = (predicted, escalate) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (true, false) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
        }

        var total = Math.Max(examples.Count, 1);
        return new RouterEvaluation(examples.Count, (tp + tn) / (double)total, (tp + fp) / (double)total, tp, fp, tn, fn);
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double Dot(double[] w, double[] x) => w.Select((v, i) => v * x[i]).Sum();
}
