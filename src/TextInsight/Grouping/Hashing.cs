using System.Runtime.CompilerServices;

namespace TextInsight.Grouping;

/// <summary>Deterministic 64-bit FNV-1a over UTF-16 code units: stable across processes and machines, unlike
/// <see cref="HashCode"/>, because document frequencies are stored in the model by these hashes.</summary>
internal static class Hashing
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Hash(ReadOnlySpan<char> chars, ulong seed = 0)
    {
        ulong h = Offset ^ seed;
        foreach (char c in chars)
        {
            h = (h ^ (byte)c) * Prime;
            h = (h ^ (byte)(c >> 8)) * Prime;
        }

        // Final avalanche (splitmix64's) so low bits, used to index the frequency table, are well mixed.
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        return h;
    }
}
