package dev.kiln.dockerfile.instructions;

/**
 * A here-document used as a COPY/ADD source.
 *
 * @param path   the file name (the here-document's delimiter)
 * @param data   the content, with {@code <<-} tab stripping applied
 * @param expand whether variables in the content are expanded (delimiter not quoted)
 */
public record SourceContent(String path, String data, boolean expand) {}
