namespace SlmRag.Storage.Embedded.Search;

/// <summary>
/// Growth for arrays that readers capture in a snapshot: a grown array is a new copy, so a reader's
/// captured array never changes length under it; entries past the reader's slot count are not read.
/// </summary>
internal static class CopyOnGrow
{
    public static T[] Ensure<T>(T[] array, int slot, T fill)
    {
        if (slot < array.Length)
        {
            return array;
        }

        var grown = new T[Math.Max(Math.Max(16, slot + 1), array.Length * 2)];
        Array.Copy(array, grown, array.Length);
        Array.Fill(grown, fill, array.Length, grown.Length - array.Length);
        return grown;
    }
}
