using ClipGeometry.Embedding.IO;

namespace ClipGeometry.Embedding.Tests.IO;

public sealed class NpyFileTests
{
    [Fact]
    public void Float32_round_trips_with_shape()
    {
        float[] data = [1f, -2.5f, 3.25f, float.Epsilon, 1e30f, 0f];
        using var stream = new MemoryStream();
        NpyFile.WriteSingle(stream, data, 2, 3);
        stream.Position = 0;
        var array = NpyFile.Read(stream);
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal("<f4", array.DType);
        Assert.Equal(data.Select(v => (double)v), array.Data);
    }

    [Fact]
    public void Header_is_padded_to_a_multiple_of_64_bytes()
    {
        using var stream = new MemoryStream();
        NpyFile.WriteSingle(stream, new float[3], 3);
        Assert.Equal(128 + 12, stream.Length); // what numpy.save writes for float32 shape (3,)
    }

    [Fact]
    public void Truncated_data_is_reported()
    {
        using var stream = new MemoryStream();
        NpyFile.WriteSingle(stream, new float[6], 2, 3);
        var bytes = stream.ToArray()[..^5];
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Read(new MemoryStream(bytes)));
        Assert.Contains("ends after 4 of the 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_npy_input_is_reported()
    {
        var e = Assert.Throws<InvalidDataException>(() => NpyFile.Read(new MemoryStream("1,2,3\n"u8.ToArray())));
        Assert.Contains("not a .npy file", e.Message, StringComparison.Ordinal);
    }
}
