package dev.kiln.engine.source.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Repositories for git source tests, made with the {@code git} binary: a work tree to commit in
 * and bare copies under one directory that the servers below export.
 */
public final class GitRepos {
  private final Path base;

  public GitRepos(Path base) throws IOException {
    this.base = Files.createDirectories(base);
  }

  /** The directory holding the bare repositories ({@code <name>.git}). */
  public Path served() throws IOException {
    return Files.createDirectories(base.resolve("served"));
  }

  /** A new work tree named {@code name} with one branch {@code main}. */
  public Work work(String name) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(base.resolve("work").resolve(name));
    git(dir, "init", "-q", "-b", "main");
    return new Work(dir, name);
  }

  /** A work tree to commit in; {@link #publish} pushes everything to {@code served/<name>.git}. */
  public final class Work {
    private final Path dir;
    private final String name;

    Work(Path dir, String name) {
      this.dir = dir;
      this.name = name;
    }

    public Path dir() {
      return dir;
    }

    public Work write(String path, String content) throws IOException {
      Path f = dir.resolve(path);
      Files.createDirectories(f.getParent());
      Files.writeString(f, content);
      return this;
    }

    /** Commits everything; returns the new commit's hash. */
    public String commit(String message) throws IOException, InterruptedException {
      git(dir, "add", "-A");
      git(dir, "commit", "-q", "-m", message);
      return git(dir, "rev-parse", "HEAD").strip();
    }

    public Work run(String... args) throws IOException, InterruptedException {
      git(dir, args);
      return this;
    }

    /** Mirrors this work tree (all branches and tags) to the served bare repository. */
    public Path publish() throws IOException, InterruptedException {
      Path bare = served().resolve(name + ".git");
      if (!Files.exists(bare)) git(served(), "init", "-q", "--bare", "-b", "main", bare.getFileName().toString());
      git(dir, "push", "-q", "--force", "--mirror", bare.toString());
      return bare;
    }
  }

  /** Runs git with a fixed identity and dates; returns its output. */
  public static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "protocol.file.allow=always"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(Map.of(
        "GIT_AUTHOR_NAME", "Test", "GIT_AUTHOR_EMAIL", "test@example.com",
        "GIT_COMMITTER_NAME", "Test", "GIT_COMMITTER_EMAIL", "test@example.com",
        "GIT_AUTHOR_DATE", "2020-01-02T03:04:05Z", "GIT_COMMITTER_DATE", "2020-01-02T03:04:05Z",
        "GIT_CONFIG_NOSYSTEM", "1", "HOME", dir.toString()));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException("git " + String.join(" ", args) + " failed in " + dir + ":\n" + out);
    return out;
  }
}
