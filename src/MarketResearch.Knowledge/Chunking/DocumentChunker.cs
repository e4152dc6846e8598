using System.Text;
using MarketResearch.Knowledge.Documents;

namespace MarketResearch.Knowledge.Chunking;

/// <summary>A passage ready to embed: its text, the page its new content starts on, and its heading path.</summary>
public sealed record ChunkDraft(int Ordinal, string Text, int? Page, string? Section);

/// <summary>
/// Splits extracted text into passages of about <c>targetCharacters</c>: a heading or a new page always starts a new
/// passage (a heading names the section of what follows), paragraphs are kept whole where they fit, longer ones are split at sentence
/// ends (then words); consecutive passages of one section share <c>overlapCharacters</c> of text. Pure.
/// </summary>
public static class DocumentChunker
{
    private const string SectionSeparator = " > ";

    public static IReadOnlyList<ChunkDraft> Chunk(IReadOnlyList<TextBlock> blocks, int targetCharacters, int overlapCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targetCharacters, 1);
        overlapCharacters = Math.Clamp(overlapCharacters, 0, targetCharacters / 2);
        var chunks = new List<ChunkDraft>();
        var headings = new List<(int Level, string Text)>();
        var current = new StringBuilder();
        int? page = null;
        var hasNewContent = false;

        string? Section() => headings.Count == 0 ? null : string.Join(SectionSeparator, headings.Select(heading => heading.Text));

        void Emit(bool carryOverlap)
        {
            if (hasNewContent)
            {
                chunks.Add(new ChunkDraft(chunks.Count, current.ToString(), page, Section()));
            }

            var tail = carryOverlap && hasNewContent ? Tail(current.ToString(), overlapCharacters) : string.Empty;
            current.Clear().Append(tail);
            hasNewContent = false;
            page = null;
        }

        void Add(string piece, int? piecePage)
        {
            // A new page starts a new passage too, so every passage cites one page.
            if (hasNewContent && (current.Length + 1 + piece.Length > targetCharacters || (piecePage is not null && page is not null && piecePage != page)))
            {
                Emit(carryOverlap: true);
            }

            if (current.Length > 0)
            {
                current.Append(hasNewContent ? "\n\n" : " ");
            }

            current.Append(piece);
            page ??= piecePage;
            hasNewContent = true;
        }

        foreach (var block in blocks)
        {
            if (block.IsHeading)
            {
                Emit(carryOverlap: false);
                headings.RemoveAll(heading => heading.Level >= block.HeadingLevel);
                headings.Add((block.HeadingLevel, block.Text));
                continue;
            }

            foreach (var piece in Split(block.Text, targetCharacters))
            {
                Add(piece, block.Page);
            }
        }

        Emit(carryOverlap: false);
        return chunks;
    }

    /// <summary>Pieces of at most <paramref name="limit"/> characters: whole sentences where possible, words otherwise.</summary>
    internal static IEnumerable<string> Split(string text, int limit)
    {
        if (text.Length <= limit)
        {
            yield return text;
            yield break;
        }

        var piece = new StringBuilder();
        foreach (var sentence in Sentences(text))
        {
            foreach (var part in sentence.Length <= limit ? [sentence] : Words(sentence, limit))
            {
                if (piece.Length > 0 && piece.Length + 1 + part.Length > limit)
                {
                    yield return piece.ToString();
                    piece.Clear();
                }

                if (piece.Length > 0)
                {
                    piece.Append(' ');
                }

                piece.Append(part);
            }
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    private static IEnumerable<string> Sentences(string text)
    {
        var start = 0;
        for (var index = 0; index < text.Length - 1; index++)
        {
            if (text[index] is '.' or '!' or '?' && char.IsWhiteSpace(text[index + 1]))
            {
                yield return text[start..(index + 1)].Trim();
                start = index + 1;
            }
        }

        if (start < text.Length && text[start..].Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    private static IEnumerable<string> Words(string sentence, int limit)
    {
        var piece = new StringBuilder();
        foreach (var word in sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            for (var offset = 0; offset < word.Length; offset += limit)
            {
                var part = word.Substring(offset, Math.Min(limit, word.Length - offset));
                if (piece.Length > 0 && piece.Length + 1 + part.Length > limit)
                {
                    yield return piece.ToString();
                    piece.Clear();
                }

                if (piece.Length > 0)
                {
                    piece.Append(' ');
                }

                piece.Append(part);
            }
        }

        if (piece.Length > 0)
        {
            yield return piece.ToString();
        }
    }

    /// <summary>The last ~<paramref name="characters"/> of a passage, starting at a word boundary.</summary>
    internal static string Tail(string text, int characters)
    {
        if (characters <= 0 || text.Length == 0)
        {
            return string.Empty;
        }

        if (text.Length <= characters)
        {
            return text.Replace("\n\n", " ", StringComparison.Ordinal);
        }

        var start = text.Length - characters;
        var space = text.IndexOf(' ', start);
        var tail = space < 0 ? text[start..] : text[(space + 1)..];
        return tail.Replace("\n\n", " ", StringComparison.Ordinal).Trim();
    }
}
