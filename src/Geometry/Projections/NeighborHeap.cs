namespace ClipGeometry.Geometry.Projections;

/// <summary>
/// A bounded max-heap of (distance, index) pairs in two spans: it keeps the <c>capacity</c> smallest distances
/// offered, the earlier offer winning a tie. Used row by row by the exact search and NN-descent.
/// </summary>
internal static class NeighborHeap
{
    /// <summary>Fills a heap with (+∞, −1).</summary>
    public static void Clear(Span<float> distances, Span<int> indices)
    {
        distances.Fill(float.PositiveInfinity);
        indices.Fill(-1);
    }

    /// <summary>
    /// Offers (distance, index); returns whether it entered the heap. Does not check for duplicates. Non-empty
    /// <paramref name="flags"/> (one per entry) move with their entries, and the new entry's is set.
    /// </summary>
    public static bool Push(Span<float> distances, Span<int> indices, float distance, int index, Span<bool> flags = default)
    {
        if (!(distance < distances[0]))
        {
            return false;
        }

        int size = distances.Length;
        int i = 0;
        while (true)
        {
            int left = (2 * i) + 1;
            if (left >= size)
            {
                break;
            }

            int right = left + 1;
            int larger = right < size && Greater(distances[right], indices[right], distances[left], indices[left]) ? right : left;
            if (!Greater(distances[larger], indices[larger], distance, index))
            {
                break;
            }

            distances[i] = distances[larger];
            indices[i] = indices[larger];
            if (!flags.IsEmpty)
            {
                flags[i] = flags[larger];
            }

            i = larger;
        }

        distances[i] = distance;
        indices[i] = index;
        if (!flags.IsEmpty)
        {
            flags[i] = true;
        }

        return true;
    }

    /// <summary>Sorts the heap's entries ascending by (distance, index), in place.</summary>
    public static void Sort(Span<float> distances, Span<int> indices)
    {
        for (int i = 1; i < distances.Length; i++)
        {
            float d = distances[i];
            int x = indices[i];
            int j = i - 1;
            while (j >= 0 && Greater(distances[j], indices[j], d, x))
            {
                distances[j + 1] = distances[j];
                indices[j + 1] = indices[j];
                j--;
            }

            distances[j + 1] = d;
            indices[j + 1] = x;
        }
    }

    private static bool Greater(float d1, int i1, float d2, int i2) => d1 > d2 || (d1 == d2 && (uint)i1 > (uint)i2);
}
