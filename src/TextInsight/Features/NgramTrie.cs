namespace TextInsight.Features;

/// <summary>
/// The n-grams of one vocabulary block as a trie: a node per n-gram prefix, the slot of each node that is
/// a vocabulary n-gram. First items index an array; deeper edges live in one open-addressing table of
/// (parent, item) keys, so a lookup is about one cache miss and a walk stops at the first unknown prefix.
/// </summary>
/// <remarks>Immutable after construction; thread-safe for lookups.</remarks>
internal sealed class NgramTrie
{
    private const int ItemBits = 24;

    private readonly int[] _rootChild; // item -> node, -1: none
    private readonly int[] _rootSlot;   // item -> slot, -1: none
    private readonly Edge[] _edges;    // key 0: empty
    private readonly int _mask;
    private readonly int _shift;

    // The child's slot sits in its edge, so a step of a walk touches one cache line.
    private struct Edge
    {
        internal ulong Key;
        internal int Node;
        internal int Slot;
    }

    /// <summary>Builds the trie; false in <paramref name="ok"/> when two slots name the same n-gram.</summary>
    internal NgramTrie(NgramFeaturizer.NgramList grams, int itemLimit, out bool ok)
    {
        ok = true;
        _rootChild = new int[itemLimit];
        _rootSlot = new int[itemLimit];
        Array.Fill(_rootChild, -1);
        long deeper = 0;
        for (int slot = 0; slot < grams.Count; slot++)
        {
            deeper += Math.Max(0, grams[slot].Length - 1);
        }

        int capacity = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1, deeper * 4 / 3)));
        _edges = new Edge[capacity];
        _mask = capacity - 1;
        _shift = 64 - System.Numerics.BitOperations.Log2((uint)capacity);
        var slotOfNode = new List<int> { -1 }; // node 0 is the root; only building needs a node's slot
        for (int slot = 0; slot < grams.Count; slot++)
        {
            int node = 0;
            foreach (int item in grams[slot])
            {
                node = ChildOrNew(node, item, slotOfNode);
            }

            if (slotOfNode[node] >= 0)
            {
                ok = false;
            }

            slotOfNode[node] = slot;
        }

        // Copy each node's slot next to the edge (or root entry) that reaches it.
        for (int item = 0; item < itemLimit; item++)
        {
            _rootSlot[item] = _rootChild[item] < 0 ? -1 : slotOfNode[_rootChild[item]];
        }

        for (int i = 0; i < _edges.Length; i++)
        {
            if (_edges[i].Key != 0)
            {
                _edges[i].Slot = slotOfNode[_edges[i].Node];
            }
        }
    }

    /// <summary>The child of <paramref name="node"/> by <paramref name="item"/> (or -1), and its slot (or -1).</summary>
    internal int Child(int node, int item, out int slot)
    {
        if (node == 0)
        {
            if ((uint)item < (uint)_rootChild.Length)
            {
                slot = _rootSlot[item];
                return _rootChild[item];
            }

            slot = -1;
            return -1;
        }

        ulong key = Key(node, item);
        for (int i = Hash(key); ; i = (i + 1) & _mask)
        {
            ref Edge e = ref _edges[i];
            if (e.Key == key)
            {
                slot = e.Slot;
                return e.Node;
            }

            if (e.Key == 0)
            {
                slot = -1;
                return -1;
            }
        }
    }

    private int ChildOrNew(int node, int item, List<int> slotOfNode)
    {
        int found = Child(node, item, out _);
        if (found >= 0)
        {
            return found;
        }

        int child = slotOfNode.Count;
        slotOfNode.Add(-1);
        if (node == 0)
        {
            _rootChild[item] = child;
            return child;
        }

        ulong key = Key(node, item);
        int i = Hash(key);
        while (_edges[i].Key != 0)
        {
            i = (i + 1) & _mask;
        }

        _edges[i] = new Edge { Key = key, Node = child };
        return child;
    }

    // Items are below 2^24 (word ids and UTF-16 codes); +1 keeps every key non-zero.
    private static ulong Key(int node, int item) => ((ulong)(uint)node << ItemBits) | (uint)(item + 1);

    private int Hash(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift) & _mask;
}
