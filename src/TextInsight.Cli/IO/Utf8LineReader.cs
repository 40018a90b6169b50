using System.Buffers;

namespace TextInsight.Cli.IO;

/// <summary>
/// Streams a UTF-8 input as lines split on '\n' only, like Python's <c>text.split("\n")</c>:
/// '\r' and other separators stay in the line, and a final '\n' does not start an extra line.
/// </summary>
internal sealed class Utf8LineReader(Stream stream) : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>The next line without its '\n', valid until the next call; false at the end.</summary>
    internal bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        int searched = 0;
        while (true)
        {
            int nl = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = _buffer.AsSpan(_start, searched + nl);
                _start += searched + nl + 1;
                return true;
            }

            searched = _end - _start;
            if (_eof)
            {
                if (_end > _start)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer: grow rather than split it.
            byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        int read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        stream.Dispose();
    }
}
