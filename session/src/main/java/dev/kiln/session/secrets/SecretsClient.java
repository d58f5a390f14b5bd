package dev.kiln.session.secrets;

import dev.kiln.proto.session.secrets.GetSecretRequest;
import dev.kiln.proto.session.secrets.SecretsGrpc;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.util.Optional;

/** The daemon's side of Secrets: NotFound or Unimplemented from the client mean "no such secret". */
public final class SecretsClient {
  private SecretsClient() {}

  public static Optional<byte[]> get(Channel channel, String id) throws IOException {
    try {
      var response = SecretsGrpc.newBlockingStub(channel).getSecret(GetSecretRequest.newBuilder().setID(id).build());
      return Optional.of(response.getData().toByteArray());
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.NOT_FOUND || code == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw new IOException("reading secret '" + id + "' from the client: " + e.getStatus(), e);
    }
  }
}
