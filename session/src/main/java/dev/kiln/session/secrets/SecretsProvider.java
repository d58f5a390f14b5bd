package dev.kiln.session.secrets;

import com.google.protobuf.ByteString;
import dev.kiln.proto.session.secrets.GetSecretRequest;
import dev.kiln.proto.session.secrets.GetSecretResponse;
import dev.kiln.proto.session.secrets.SecretsGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;

/** The client's Secrets service: answers {@code GetSecret} from secrets read when the CLI started. */
public final class SecretsProvider extends SecretsGrpc.SecretsImplBase {
  private final Map<String, byte[]> secrets;

  public SecretsProvider(Map<String, byte[]> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  @Override
  public void getSecret(GetSecretRequest request, StreamObserver<GetSecretResponse> response) {
    byte[] data = secrets.get(request.getID());
    if (data == null) {
      response.onError(Status.NOT_FOUND.withDescription("secret " + request.getID() + " not found").asRuntimeException());
      return;
    }
    response.onNext(GetSecretResponse.newBuilder().setData(ByteString.copyFrom(data)).build());
    response.onCompleted();
  }
}
