namespace ClipGeometry.Geometry.Diagrams;

/// <summary>A binary min-heap of (key, item) pairs with lazy deletion, reused across Dijkstra runs.</summary>
internal sealed class MinHeap
{
    private double[] _keys;
    private int[] _items;
    private int _count;

    public MinHeap(int capacity)
    {
        _keys = new double[Math.Max(capacity, 16)];
        _items = new int[_keys.Length];
    }

    public void Clear() => _count = 0;

    public void Push(double key, int item)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _items, _count * 2);
        }

        int k = _count++;
        while (k > 0)
        {
            int parent = (k - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[k] = _keys[parent];
            _items[k] = _items[parent];
            k = parent;
        }

        _keys[k] = key;
        _items[k] = item;
    }

    public bool TryPeek(out double key, out int item)
    {
        if (_count == 0)
        {
            key = 0;
            item = -1;
            return false;
        }

        key = _keys[0];
        item = _items[0];
        return true;
    }

    public bool TryPop(out double key, out int item)
    {
        if (_count == 0)
        {
            key = 0;
            item = -1;
            return false;
        }

        key = _keys[0];
        item = _items[0];
        _count--;
        if (_count > 0)
        {
            double lastKey = _keys[_count];
            int lastItem = _items[_count];
            int k = 0;
            while (true)
            {
                int child = (2 * k) + 1;
                if (child >= _count)
                {
                    break;
                }

                if (child + 1 < _count && _keys[child + 1] < _keys[child])
                {
                    child++;
                }

                if (_keys[child] >= lastKey)
                {
                    break;
                }

                _keys[k] = _keys[child];
                _items[k] = _items[child];
                k = child;
            }

            _keys[k] = lastKey;
            _items[k] = lastItem;
        }

        return true;
    }
}
