using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace MarketResearch.AppHost.Publishing;

/// <summary>A YAML mapping that keeps keys in the order they were added, so published files are byte-for-byte stable.</summary>
internal sealed class YamlMap : OrderedDictionary<string, object?>
{
    public YamlMap()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>A string written in double quotes whatever it holds: compose reads an unquoted restart: no as a boolean.</summary>
internal sealed record Quoted(string Text);

/// <summary>Writes generated files: a header that says where they come from, then deterministic content.</summary>
internal static class YamlOutput
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        // "true", "8080" or "no" as strings must stay strings for compose and Kubernetes.
        .WithQuotingNecessaryStrings()
        .DisableAliases()
        .WithTypeConverter(new QuotedConverter())
        .Build();

    public static string Header(string comment) =>
        string.Concat(comment.Split('\n').Select(line => line.Length == 0 ? "#\n" : $"# {line}\n"));

    public static string Serialize(object document) => Serializer.Serialize(document);

    public static async Task WriteAsync(string path, string header, IEnumerable<object> documents, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(header);
        var first = true;
        foreach (var document in documents)
        {
            if (!first)
            {
                text.Append("---\n");
            }

            text.Append(Serialize(document));
            first = false;
        }

        await WriteTextAsync(path, text.ToString(), cancellationToken);
    }

    /// <summary>LF line endings and UTF-8 without a byte-order mark on every platform.</summary>
    public static async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text.ReplaceLineEndings("\n"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);
    }
}

internal sealed class QuotedConverter : IYamlTypeConverter
{
    public bool Accepts(Type type) => type == typeof(Quoted);

    public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) =>
        throw new NotSupportedException("Generated YAML is only written.");

    public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
        emitter.Emit(new Scalar(null, null, ((Quoted)value!).Text, ScalarStyle.DoubleQuoted, isPlainImplicit: false, isQuotedImplicit: true));
}
