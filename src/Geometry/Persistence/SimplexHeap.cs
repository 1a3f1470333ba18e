namespace ClipGeometry.Geometry.Persistence;

/// <summary>
/// A working column of the reduction over Z/2: a binary heap of simplices whose top is the first in filtration
/// order (smallest diameter, then largest index). Entries may repeat; pairs cancel when the pivot is taken.
/// While indices fit in 32 bits (<see cref="Compact"/>) entries are 64-bit keys compared as integers.
/// </summary>
internal sealed class SimplexHeap
{
    private DiameterIndex[] _items = new DiameterIndex[64];
    private ulong[] _keys = new ulong[64];
    private bool _compact;

    public int Count { get; private set; }

    /// <summary>Store entries as 64-bit keys; only for indices below 2^32. Empties the heap.</summary>
    public bool Compact
    {
        get => _compact;
        set
        {
            _compact = value;
            Count = 0;
        }
    }

    public void Clear() => Count = 0;

    public void Push(DiameterIndex item)
    {
        if (_compact)
        {
            PushKey(SimplexList.Key(item.Diameter, item.Index));
            return;
        }

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
        if (_compact)
        {
            while (Count > 0)
            {
                ulong pivot = PopKey();
                if (Count > 0 && _keys[0] == pivot)
                {
                    PopKey();
                    continue;
                }

                return SimplexList.Decode(pivot);
            }

            return DiameterIndex.None;
        }

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

    private void PushKey(ulong key)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        var keys = _keys;
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            ulong above = keys[parent];
            if (key >= above)
            {
                break;
            }

            keys[i] = above;
            i = parent;
        }

        keys[i] = key;
    }

    private ulong PopKey()
    {
        var keys = _keys;
        ulong top = keys[0];
        int count = --Count;
        if (count == 0)
        {
            return top;
        }

        ulong last = keys[count];
        int i = 0;
        while (true)
        {
            int child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            ulong smaller = keys[child];
            if (child + 1 < count && keys[child + 1] < smaller)
            {
                child++;
                smaller = keys[child];
            }

            if (smaller >= last)
            {
                break;
            }

            keys[i] = smaller;
            i = child;
        }

        keys[i] = last;
        return top;
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
