package dev.kiln.llb;

/** Options of {@link State#ociLayout}: which client-side content store holds the image. */
public final class OciLayoutOptions extends OpOptions<OciLayoutOptions> {
  String sessionId = "";
  String storeId = "";
  Integer layerLimit;

  OciLayoutOptions() {}

  public OciLayoutOptions store(String sessionId, String storeId) {
    this.sessionId = sessionId;
    this.storeId = storeId;
    return this;
  }

  public OciLayoutOptions layerLimit(int n) {
    this.layerLimit = n;
    return this;
  }
}
