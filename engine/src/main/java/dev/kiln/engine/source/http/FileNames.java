package dev.kiln.engine.source.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a downloaded file, chosen as BuildKit does: {@code http.filename}, else the
 * response's Content-Disposition filename, else the last segment of the URL path, else "index".
 */
final class FileNames {
  private static final Pattern DISPOSITION = Pattern.compile("filename\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

  private FileNames() {}

  /** {@code headers} is null when no response is at hand (a download pinned by checksum). */
  static String choose(String requested, HttpHeaders headers, URI url) {
    if (!requested.isEmpty()) return requested;
    String fromHeader = headers == null ? ""
        : headers.firstValue("Content-Disposition").map(FileNames::dispositionName).orElse("");
    if (isSingleName(fromHeader)) return fromHeader;
    String path = url.getPath() == null ? "" : url.getPath();
    String base = path.substring(path.lastIndexOf('/') + 1);
    return isSingleName(base) ? base : "index";
  }

  static void requireSingleName(String name, String key) {
    if (!isSingleName(name)) {
      throw new IllegalArgumentException("invalid " + key + " \"" + name + "\": expected a file name without '/'");
    }
  }

  private static boolean isSingleName(String name) {
    return !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..") && name.indexOf('\0') < 0;
  }

  private static String dispositionName(String header) {
    Matcher m = DISPOSITION.matcher(header);
    return m.find() ? m.group(1).trim() : "";
  }
}
