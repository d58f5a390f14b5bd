package dev.kiln.llb;

/** Options of {@link State#http}. */
public final class HttpOptions extends OpOptions<HttpOptions> {
  Digest checksum;
  String filename;
  int perm;
  int uid;
  int gid;
  String accept = "";
  String userAgent = "";

  HttpOptions() {}

  /** The request's {@code Accept} header ({@code http.header.accept}). */
  public HttpOptions accept(String value) {
    this.accept = value;
    return this;
  }

  /** The request's {@code User-Agent} header ({@code http.header.user-agent}). */
  public HttpOptions userAgent(String value) {
    this.userAgent = value;
    return this;
  }

  /** The expected digest of the download; a mismatch fails the build. */
  public HttpOptions checksum(Digest digest) {
    this.checksum = digest;
    return this;
  }

  public HttpOptions filename(String name) {
    this.filename = name;
    return this;
  }

  /** Permission bits of the downloaded file, e.g. {@code 0640}. */
  public HttpOptions chmod(int mode) {
    this.perm = mode;
    return this;
  }

  public HttpOptions chown(int uid, int gid) {
    this.uid = uid;
    this.gid = gid;
    return this;
  }
}
