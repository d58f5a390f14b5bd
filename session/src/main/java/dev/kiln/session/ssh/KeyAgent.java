package dev.kiln.session.ssh;

import java.util.Arrays;
import java.util.List;

/**
 * The answering half of an ssh agent (draft-miller-ssh-agent) over keys held in memory: lists
 * identities and signs; every other request, and a sign request for a key it lacks, gets
 * SSH_AGENT_FAILURE, as a locked-down agent answers. Stateless and thread-safe.
 */
final class KeyAgent {
  static final int FAILURE = 5;
  static final int REQUEST_IDENTITIES = 11;
  static final int IDENTITIES_ANSWER = 12;
  static final int SIGN_REQUEST = 13;
  static final int SIGN_RESPONSE = 14;

  private final List<SshKey> keys;

  KeyAgent(List<SshKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** The answer to one request (its body, without the length prefix), framed likewise. */
  byte[] answer(byte[] request) {
    try {
      SshWire.Reader in = new SshWire.Reader(request);
      return switch (in.uint8()) {
        case REQUEST_IDENTITIES -> {
          SshWire.Writer out = new SshWire.Writer().uint8(IDENTITIES_ANSWER).uint32(keys.size());
          for (SshKey key : keys) out.string(key.publicBlob()).text(key.comment());
          yield out.bytes();
        }
        case SIGN_REQUEST -> {
          byte[] blob = in.string();
          byte[] data = in.string();
          int flags = in.uint32();
          SshKey key = keys.stream().filter(k -> Arrays.equals(k.publicBlob(), blob)).findFirst().orElse(null);
          yield key == null ? failure() : new SshWire.Writer().uint8(SIGN_RESPONSE).string(key.sign(data, flags)).bytes();
        }
        default -> failure();
      };
    } catch (Exception malformedOrUnsignable) {
      return failure();
    }
  }

  private static byte[] failure() {
    return new byte[] {FAILURE};
  }
}
