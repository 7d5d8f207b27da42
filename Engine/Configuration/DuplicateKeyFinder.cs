using System.Text;
using System.Text.Json;

namespace BosonicTrajectories.Configuration;

/// <summary>
/// Locates the first repeated key of a JSON object (the parser refuses duplicates but does not say where):
/// its JSON path and 1-based line and column.
/// </summary>
internal static class DuplicateKeyFinder
{
    private sealed class Frame(bool isObject, string path)
    {
        public bool IsObject { get; } = isObject;
        public string Path { get; } = path;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string PendingKey { get; set; } = "";
        public int Index { get; set; }
    }

    public static (string Path, long Line, long Column)? Find(string json)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var frames = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Push(new Frame(reader.TokenType == JsonTokenType.StartObject, PathOfNextValue(frames)));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.Pop();
                        AfterValue(frames);
                        break;
                    case JsonTokenType.PropertyName:
                        var top = frames.Peek();
                        string key = reader.GetString() ?? "";
                        if (!top.Keys.Add(key))
                        {
                            var (line, column) = LineAndColumn(bytes, reader.TokenStartIndex);
                            return (ConfigReader.Child(top.Path, key), line, column);
                        }
                        top.PendingKey = key;
                        break;
                    default:
                        AfterValue(frames);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return null;
    }

    private static string PathOfNextValue(Stack<Frame> frames) =>
        frames.TryPeek(out var parent)
            ? parent.IsObject ? ConfigReader.Child(parent.Path, parent.PendingKey) : ConfigReader.Index(parent.Path, parent.Index)
            : "";

    private static void AfterValue(Stack<Frame> frames)
    {
        if (frames.TryPeek(out var parent) && !parent.IsObject) parent.Index++;
    }

    private static (long Line, long Column) LineAndColumn(byte[] bytes, long offset)
    {
        long line = 1, lineStart = 0;
        for (long i = 0; i < offset; i++)
            if (bytes[i] == (byte)'\n') { line++; lineStart = i + 1; }
        return (line, offset - lineStart + 1);
    }
}
