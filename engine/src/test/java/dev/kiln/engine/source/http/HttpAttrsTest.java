package dev.kiln.engine.source.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** http source attrs and file names, as BuildKit reads them. */
class HttpAttrsTest {
  @Test
  void permIsParsedLikeGoParseIntWithBaseZero() {
    assertThat(HttpAttrs.of("https://h/f", Map.of()).permOrDefault()).isEqualTo(0600);
    assertThat(HttpAttrs.of("https://h/f", Map.of("http.perm", "0755")).perm()).isEqualTo(0755);
    assertThat(HttpAttrs.of("https://h/f", Map.of("http.perm", "420")).perm()).isEqualTo(0644);
    assertThat(HttpAttrs.of("https://h/f", Map.of("http.perm", "0x1ed")).perm()).isEqualTo(0755);
    assertThatThrownBy(() -> HttpAttrs.of("https://h/f", Map.of("http.perm", "rw"))).hasMessageContaining("http.perm");
    assertThatThrownBy(() -> HttpAttrs.of("https://h/f", Map.of("http.uid", "-1"))).hasMessageContaining("http.uid");
  }

  @Test
  void checksumsMustBeSha256AndFilenamesSingleNames() {
    assertThatThrownBy(() -> HttpAttrs.of("https://h/f", Map.of("http.checksum", "md5:abc"))).hasMessageContaining("sha256");
    assertThatThrownBy(() -> HttpAttrs.of("https://h/f", Map.of("http.filename", "../x"))).hasMessageContaining("http.filename");
  }

  @Test
  void filenamesComeFromTheAttrTheHeaderTheUrlOrIndex() {
    HttpHeaders none = HttpHeaders.of(Map.of(), (k, v) -> true);
    HttpHeaders disposition = HttpHeaders.of(Map.of("Content-Disposition", List.of("attachment; filename=\"a.zip\"")), (k, v) -> true);
    URI url = URI.create("https://h/dir/file.tar.gz?x=1");
    assertThat(FileNames.choose("mine", disposition, url)).isEqualTo("mine");
    assertThat(FileNames.choose("", disposition, url)).isEqualTo("a.zip");
    assertThat(FileNames.choose("", none, url)).isEqualTo("file.tar.gz");
    assertThat(FileNames.choose("", null, URI.create("https://h/dir/"))).isEqualTo("index");
  }
}
