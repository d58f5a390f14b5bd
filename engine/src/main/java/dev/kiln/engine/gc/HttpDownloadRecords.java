package dev.kiln.engine.gc;

import dev.kiln.engine.content.FileContentStore;
import dev.kiln.engine.metadata.Database;
import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The http source's downloads: each URL's last download ({@code http_validators}) keeps its file
 * in the content store for the next conditional request. A record per URL, id {@code http:<sha256
 * of the URL>}, type {@code regular} and described as BuildKit describes its http snapshots
 * ({@code http url <url>}); last use is the download time. Removing one forgets the URL's
 * validators in one statement, guarded by the fence; its blob is then unreferenced and goes with
 * the content sweep (which runs only while no build runs), so a build that revalidated the URL
 * keeps its file.
 */
record HttpDownloadRecords(Database db, FileContentStore content) implements ExtraRecords {
  static final String PREFIX = "http:";

  private record Download(String url, Digest digest, long size, long fetchedAt) {}

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public List<UsageRecord> list(long inUseSince) throws IOException {
    List<UsageRecord> out = new ArrayList<>();
    for (Download d : downloads()) {
      // A row whose file went (swept before downloads were records) holds no disk.
      if (!content.exists(d.digest())) continue;
      Instant fetched = Instant.ofEpochMilli(d.fetchedAt());
      out.add(new UsageRecord(PREFIX + name(d.url()), List.of(), Math.max(0, d.size()), false,
          d.fetchedAt() >= inUseSince, false, fetched, Optional.of(fetched), 0, "http url " + d.url(), RecordType.REGULAR));
    }
    return out;
  }

  @Override
  public boolean remove(String name, long fence) throws IOException {
    Optional<String> url = downloads().stream().map(Download::url).filter(u -> name(u).equals(name)).findFirst();
    if (url.isEmpty()) return false;
    return db.writeIo("forgetting the download of " + url.get(), c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM http_validators WHERE url = ? AND fetched_at < ?")) {
        ps.setString(1, url.get());
        ps.setLong(2, fence);
        return ps.executeUpdate() == 1;
      }
    });
  }

  private List<Download> downloads() throws IOException {
    return db.readIo("http downloads", c -> {
      List<Download> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT url, digest, size, fetched_at FROM http_validators ORDER BY url");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) rows.add(new Download(rs.getString(1), Digest.parse(rs.getString(2)), rs.getLong(3), rs.getLong(4)));
      }
      return rows;
    });
  }

  private static String name(String url) {
    return Digest.of(url.getBytes(StandardCharsets.UTF_8)).hex();
  }
}
