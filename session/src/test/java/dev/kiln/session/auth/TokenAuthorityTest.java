package dev.kiln.session.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.kiln.proto.session.auth.AuthGrpc;
import dev.kiln.proto.session.auth.GetTokenAuthorityRequest;
import dev.kiln.proto.session.auth.VerifyTokenAuthorityRequest;
import dev.kiln.registry.CredentialProvider;
import dev.kiln.registry.Credentials;
import dev.kiln.session.SessionHarness;
import dev.kiln.session.tunnel.ClientSession;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The client's token authority: keys as Go's ed25519 derives them, salted per daemon, and signatures the daemon can check. */
class TokenAuthorityTest {
  private static final ByteString SALT = ByteString.copyFrom("daemon-salt", StandardCharsets.UTF_8);

  @Test
  void seedsBecomeTheKeysOfRfc8032() throws Exception {
    // RFC 8032 §7.1, test 1
    var pair = TokenAuthority.fromSeed(HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    assertThat(HexFormat.of().formatHex(TokenAuthority.encode((EdECPublicKey) pair.getPublic())))
        .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  }

  @Test
  @SuppressWarnings("try")
  void theDaemonVerifiesWhatTheAuthoritySigns() throws Exception {
    CredentialProvider alice = host -> Optional.of(new Credentials.Basic("alice", "pw"));
    try (SessionHarness harness = new SessionHarness();
        ClientSession client = harness.open("ta1", List.of(new AuthProvider(alice, true)))) {
      var auth = AuthGrpc.newBlockingStub(harness.next().channel());
      byte[] key = auth.getTokenAuthority(GetTokenAuthorityRequest.newBuilder().setHost("r.example").setSalt(SALT).build())
          .getPublicKey().toByteArray();
      assertThat(key).hasSize(32);
      byte[] payload = "challenge".getBytes(StandardCharsets.UTF_8);
      byte[] signed = auth.verifyTokenAuthority(VerifyTokenAuthorityRequest.newBuilder().setHost("r.example")
          .setSalt(SALT).setPayload(ByteString.copyFrom(payload)).build()).getSigned().toByteArray();
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(decode(key));
      verifier.update(payload);
      assertThat(verifier.verify(signed)).isTrue();

      byte[] again = auth.getTokenAuthority(GetTokenAuthorityRequest.newBuilder().setHost("r.example").setSalt(SALT).build())
          .getPublicKey().toByteArray();
      byte[] otherSalt = auth.getTokenAuthority(GetTokenAuthorityRequest.newBuilder().setHost("r.example")
          .setSalt(ByteString.copyFromUtf8("another daemon")).build()).getPublicKey().toByteArray();
      assertThat(again).isEqualTo(key);
      assertThat(otherSalt).isNotEqualTo(key);
    }
  }

  @Test
  void anonymousClientsShareOneAuthorityAndClientsWithSecretsDoNot() throws Exception {
    byte[] salt = SALT.toByteArray();
    TokenAuthority one = new TokenAuthority();
    TokenAuthority two = new TokenAuthority();
    assertThat(one.keyFor("r.example", salt, false).getPublic()).isEqualTo(two.keyFor("r.example", salt, false).getPublic());
    assertThat(one.keyFor("r.example", salt, true).getPublic()).isNotEqualTo(two.keyFor("r.example", salt, true).getPublic());
  }

  /** The inverse of {@link TokenAuthority#encode}. */
  private static PublicKey decode(byte[] encoded) throws Exception {
    byte[] bigEndian = new byte[32];
    for (int i = 0; i < 32; i++) bigEndian[i] = encoded[31 - i];
    boolean xOdd = (bigEndian[0] & 0x80) != 0;
    bigEndian[0] &= 0x7f;
    return KeyFactory.getInstance("Ed25519").generatePublic(
        new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, bigEndian))));
  }
}
