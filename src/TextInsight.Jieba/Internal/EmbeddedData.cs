using System.IO.Compression;

namespace TextInsight.Jieba.Internal;

/// <summary>Reads the gzip-compressed data files embedded in this assembly.</summary>
internal static class EmbeddedData
{
    /// <summary>Decompresses the embedded resource <paramref name="logicalName"/> into memory.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing (a broken build or trimmed assembly).</exception>
    internal static byte[] ReadGzip(string logicalName)
    {
        using Stream raw = typeof(EmbeddedData).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{logicalName}' is missing from {typeof(EmbeddedData).Assembly.GetName().Name}.dll; the package or build is incomplete.");
        using var gzip = new GZipStream(raw, CompressionMode.Decompress);
        using var buffer = new MemoryStream(capacity: checked((int)raw.Length * 4));
        gzip.CopyTo(buffer);
        return buffer.GetBuffer().AsSpan(0, (int)buffer.Length).ToArray();
    }

    /// <summary>
    /// The bytes of an uncompressed embedded resource, read in place: a manifest resource is part of the
    /// mapped assembly image, which stays loaded for the life of the process, so no copy is needed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The resource is missing.</exception>
    internal static unsafe ReadOnlySpan<byte> Mapped(string logicalName)
    {
        using Stream stream = typeof(EmbeddedData).Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException(
                $"The embedded resource '{logicalName}' is missing from {typeof(EmbeddedData).Assembly.GetName().Name}.dll; the package or build is incomplete.");
        if (stream is UnmanagedMemoryStream mapped)
        {
            return new ReadOnlySpan<byte>(mapped.PositionPointer, checked((int)mapped.Length));
        }

        return ReadAll(stream);
    }

    /// <summary>Reads a whole stream into memory, starting at its current position.</summary>
    internal static byte[] ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream is MemoryStream ms && ms.TryGetBuffer(out ArraySegment<byte> segment))
        {
            return segment.AsSpan((int)ms.Position).ToArray();
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
