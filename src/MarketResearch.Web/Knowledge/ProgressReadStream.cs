namespace MarketResearch.Web.Knowledge;

/// <summary>
/// A read-only pass-through that counts the bytes read from the browser's file, so the page can show how far an
/// upload has come while the file streams on to the API. Reports only when a whole percent more has been read.
/// </summary>
public sealed class ProgressReadStream(Stream inner, long length, Action<long> onProgress) : Stream
{
    private const int Percent = 100;
    private long _read;
    private long _reported;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Count(int read)
    {
        _read += read;
        var step = Math.Max(1, length / Percent);
        if (_read - _reported >= step || (read == 0 && _read != _reported) || _read == length)
        {
            _reported = _read;
            onProgress(_read);
        }

        return read;
    }
}
