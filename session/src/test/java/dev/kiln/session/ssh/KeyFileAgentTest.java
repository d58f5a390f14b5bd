package dev.kiln.session.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.session.SessionHarness;
import dev.kiln.session.tunnel.ClientSession;
import dev.kiln.session.tunnel.DaemonSession;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key files served by the client's in-memory agent, reached by the daemon through the session and
 * its forwarded socket: OpenSSH's own {@code ssh-add} lists them and signs with them ({@code -T}),
 * and an rsa-sha2-512 sign request is checked against the public key. Needs openssh-client.
 */
class KeyFileAgentTest {
  private static final int SSH_AGENTC_SIGN_REQUEST = 13;
  private static final int SSH_AGENT_SIGN_RESPONSE = 14;
  private static final int SSH_AGENT_RSA_SHA2_512 = 4;

  @TempDir Path tmp;

  @Test
  @SuppressWarnings("try")
  void forwardedSocketListsAndSignsWithEachKey() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "openssh-client not installed");
    Path rsa = keygen("rsa", "");
    Path ed25519 = keygen("ed25519", "");
    Path ecdsa = keygen("ecdsa", "");
    AgentSource keys = AgentSource.of(List.of(rsa, ed25519, ecdsa));
    assertThat(keys).isInstanceOf(AgentSource.Keys.class);

    try (SessionHarness harness = new SessionHarness();
        ClientSession client = harness.open("ssh1", List.of(new SshProvider(Map.of("default", keys))))) {
      DaemonSession daemon = harness.next();
      assertThat(SshClient.hasAgent(daemon.channel(), "default")).isTrue();
      assertThat(SshClient.hasAgent(daemon.channel(), "other")).isFalse();
      Path socket = tmp.resolve("forwarded.sock");
      try (AutoCloseable served = SshClient.serve(daemon.channel(), "default", socket)) {
        String listed = run(socket, "ssh-add", "-l");
        assertThat(listed).contains("kiln-rsa (RSA)", "kiln-ed25519 (ED25519)", "kiln-ecdsa (ECDSA)");
        for (Path key : List.of(rsa, ed25519, ecdsa)) run(socket, "ssh-add", "-T", key + ".pub");

        byte[] data = "to be signed".getBytes(StandardCharsets.UTF_8);
        byte[] signature = rsaSha512Signature(socket, publicBlob(rsa), data);
        Signature verifier = Signature.getInstance("SHA512withRSA");
        verifier.initVerify(rsaPublicKey(rsa));
        verifier.update(data);
        assertThat(verifier.verify(signature)).isTrue();
      }
    }
  }

  @Test
  @SuppressWarnings("try")
  void rsaKeysInPemFormatsAreServedToo() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "openssh-client not installed");
    Path pkcs1 = tmp.resolve("pkcs1");
    Path pkcs8 = tmp.resolve("pkcs8");
    run(null, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", pkcs1.toString());
    run(null, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-m", "PKCS8", "-N", "", "-f", pkcs8.toString());
    assertThat(Files.readString(pkcs1)).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Files.readString(pkcs8)).contains("BEGIN PRIVATE KEY");
    AgentSource keys = AgentSource.of(List.of(pkcs1, pkcs8));
    try (SessionHarness harness = new SessionHarness();
        ClientSession client = harness.open("ssh2", List.of(new SshProvider(Map.of("default", keys))))) {
      Path socket = tmp.resolve("pem.sock");
      try (AutoCloseable served = SshClient.serve(harness.next().channel(), "default", socket)) {
        assertThat(run(socket, "ssh-add", "-l")).contains(pkcs1 + " (RSA)", pkcs8 + " (RSA)");
        for (Path key : List.of(pkcs1, pkcs8)) run(socket, "ssh-add", "-T", key + ".pub");
      }
    }
  }

  @Test
  void encryptedKeyIsRefusedByName() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "openssh-client not installed");
    Path key = keygen("ed25519", "passphrase");
    assertThatThrownBy(() -> AgentSource.of(List.of(key))).hasMessageContaining(key.toString())
        .hasMessageContaining("encrypted");
  }

  @Test
  void socketAndKeysCannotBeMixed() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh-keygen")), "openssh-client not installed");
    Path key = keygen("ed25519", "");
    Path dir = Files.createDirectory(tmp.resolve("not-a-file"));
    assertThatThrownBy(() -> AgentSource.of(List.of(dir, key))).hasMessageContaining("cannot be mixed");
    assertThatThrownBy(() -> AgentSource.of(List.of(tmp.resolve("missing")))).hasMessageContaining("no such key file");
    Path junk = Files.writeString(tmp.resolve("junk"), "not a key");
    assertThatThrownBy(() -> AgentSource.of(List.of(junk))).hasMessageContaining(junk.toString());
  }

  /** SSH_AGENTC_SIGN_REQUEST with the rsa-sha2-512 flag; returns the raw signature after checking its algorithm. */
  private static byte[] rsaSha512Signature(Path socket, byte[] keyBlob, byte[] data) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(body);
    out.writeByte(SSH_AGENTC_SIGN_REQUEST);
    writeString(out, keyBlob);
    writeString(out, data);
    out.writeInt(SSH_AGENT_RSA_SHA2_512);
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      DataOutputStream request = new DataOutputStream(Channels.newOutputStream(channel));
      request.writeInt(body.size());
      body.writeTo(request);
      request.flush();
      DataInputStream answer = new DataInputStream(Channels.newInputStream(channel));
      byte[] message = answer.readNBytes(answer.readInt());
      DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(message));
      assertThat(in.readUnsignedByte()).isEqualTo(SSH_AGENT_SIGN_RESPONSE);
      DataInputStream sig = new DataInputStream(new java.io.ByteArrayInputStream(readString(in)));
      assertThat(new String(readString(sig), StandardCharsets.US_ASCII)).isEqualTo("rsa-sha2-512");
      return readString(sig);
    }
  }

  private static void writeString(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readString(DataInputStream in) throws IOException {
    return in.readNBytes(in.readInt());
  }

  /** The public key of an rsa {@code .pub} file: string "ssh-rsa", mpint e, mpint n. */
  private static java.security.PublicKey rsaPublicKey(Path key) throws Exception {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(publicBlob(key)));
    readString(in);
    java.math.BigInteger e = new java.math.BigInteger(readString(in));
    java.math.BigInteger n = new java.math.BigInteger(readString(in));
    return java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(n, e));
  }

  private static byte[] publicBlob(Path key) throws IOException {
    return Base64.getDecoder().decode(Files.readString(Path.of(key + ".pub")).split(" ")[1].strip());
  }

  private Path keygen(String type, String passphrase) throws Exception {
    Path key = tmp.resolve(type + (passphrase.isEmpty() ? "" : "-enc"));
    run(null, "ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "kiln-" + type, "-f", key.toString());
    return key;
  }

  private static String run(Path agentSocket, String... command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (agentSocket != null) pb.environment().put("SSH_AUTH_SOCK", agentSocket.toString());
    Process p = pb.start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (p.waitFor() != 0) throw new IllegalStateException(String.join(" ", command) + ": " + output);
    return output;
  }
}
