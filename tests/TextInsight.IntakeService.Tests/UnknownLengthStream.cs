namespace TextInsight.IntakeService.Tests;

/// <summary>A body whose length HttpClient cannot compute, so it is sent without a Content-Length (chunked over HTTP/1.1).</summary>
internal sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
{
    public override bool CanSeek => false;
}
