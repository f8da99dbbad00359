namespace SlmRag.Core.Retrieval;

/// <summary>Vectors are stored and compared at unit length, so a dot product is the cosine.</summary>
public static class VectorMath
{
    public static float[] Normalize(ReadOnlyMemory<float> vector)
    {
        var span = vector.Span;
        double sum = 0;
        foreach (var x in span)
        {
            sum += x * x;
        }

        var result = span.ToArray();
        if (sum > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sum));
            for (var i = 0; i < result.Length; i++)
            {
                result[i] *= scale;
            }
        }

        return result;
    }

    /// <summary>The dot product over the common length (the cosine of two unit vectors).</summary>
    public static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double sum = 0;
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
