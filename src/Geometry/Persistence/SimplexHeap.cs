namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// A working column of the reduction over Z/2: a binary heap of simplices whose top is the first in filtration
/// order (smallest diameter, then largest index). Entries may repeat; pairs cancel when the pivot is taken.
/// </summary>
internal sealed class SimplexHeap
{
    private DiameterIndex[] _items = new DiameterIndex[64];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Push(DiameterIndex item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var items = _items;
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Before(item, items[parent]))
            {
                break;
            }

            items[i] = items[parent];
            i = parent;
        }

        items[i] = item;
    }

    /// <summary>Removes and returns the pivot: the first entry whose multiplicity is odd; <see cref="DiameterIndex.None"/> when the column is zero.</summary>
    public DiameterIndex PopPivot()
    {
        while (Count > 0)
        {
            var pivot = PopTop();
            if (Count > 0 && _items[0].Index == pivot.Index)
            {
                PopTop();
                continue;
            }

            return pivot;
        }

        return DiameterIndex.None;
    }

    /// <summary>The pivot, left in place.</summary>
    public DiameterIndex GetPivot()
    {
        var pivot = PopPivot();
        if (pivot.Exists)
        {
            Push(pivot);
        }

        return pivot;
    }

    private DiameterIndex PopTop()
    {
        var items = _items;
        var top = items[0];
        int count = --Count;
        if (count == 0)
        {
            return top;
        }

        var last = items[count];
        int i = 0;
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && Before(items[child + 1], items[child]))
            {
                child++;
            }

            if (!Before(items[child], last))
            {
                break;
            }

            items[i] = items[child];
            i = child;
        }

        items[i] = last;
        return top;
    }

    private static bool Before(in DiameterIndex a, in DiameterIndex b) =>
        a.Diameter < b.Diameter || (a.Diameter == b.Diameter && a.Index > b.Index);
}
