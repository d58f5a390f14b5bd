package dev.kiln.cli.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A throw-away CA with a server certificate (localhost, 127.0.0.1) and a client certificate, made by openssl. */
record TestCerts(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
  static TestCerts create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "ca.key", "-out", "ca.pem", "-days", "1", "-subj", "/CN=kiln test CA");
    signed(dir, "server", "/CN=localhost", true);
    signed(dir, "client", "/CN=kiln test client", false);
    return new TestCerts(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
        dir.resolve("client.pem"), dir.resolve("client.key"));
  }

  private static void signed(Path dir, String name, String subject, boolean san) throws IOException, InterruptedException {
    openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", name + ".key", "-out", name + ".csr", "-subj", subject);
    List<String> args = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", name + ".pem", "-days", "1"));
    if (san) args.addAll(List.of("-extfile", "san.ext"));
    openssl(dir, args.toArray(String[]::new));
  }

  private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IOException("openssl " + String.join(" ", args) + " failed:\n" + output);
  }
}
