package dev.kiln.engine.source.git;

import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.sys.PosixFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.submodule.SubmoduleWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * A working tree of one pinned commit, made in a scratch directory from the local mirror: a
 * fresh repository fetches the pin, checks it out, initialises submodules (recursively) against the
 * real remote, and records the real URL as {@code origin}. Without {@code keepGitDir} every {@code
 * .git} is removed afterwards. Every file, link and directory gets the commit's time, so the same
 * commit always yields the same tree.
 */
final class GitCheckout {
  private GitCheckout() {}

  /** What to check out. {@code refName} (e.g. {@code refs/heads/main}) may be null. */
  record Spec(Path mirror, ObjectId commit, String refName, GitAttrs attrs, TransportConfigCallback auth) {}

  static void into(Path work, Spec spec) throws IOException {
    String sha = spec.commit().name();
    try (Git git = Git.init().setDirectory(work.toFile()).call()) {
      // No background auto-gc in a repository that is copied or deleted right after the fetch.
      git.getRepository().getConfig().setBoolean("fetch", null, "autogc", false);
      git.getRepository().getConfig().save();
      List<RefSpec> specs = new ArrayList<>();
      specs.add(new RefSpec("+" + GitMirrors.PINS + sha + ":refs/kiln/checkout"));
      boolean named = spec.refName() != null
          && (spec.refName().startsWith("refs/heads/") || spec.refName().startsWith("refs/tags/"));
      if (named) specs.add(new RefSpec("+" + spec.refName() + ":" + spec.refName()));
      FetchCommand fetch = git.fetch().setRemote(spec.mirror().toUri().toString()).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS);
      // The .git is thrown away unless kept: one commit's objects are all the tree needs.
      if (!spec.attrs().keepGitDir()) fetch.setDepth(1);
      fetch.call();
      boolean branch = named && spec.refName().startsWith("refs/heads/");
      git.checkout().setName(branch ? spec.refName().substring("refs/heads/".length()) : sha).call();
      deleteRef(git, "refs/kiln/checkout");
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", spec.attrs().publicUrl());
      config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
      config.save();
      updateSubmodules(git, spec.auth(), !spec.attrs().keepGitDir());
      Instant time = commitTime(git, spec.commit());
      if (!spec.attrs().keepGitDir()) removeGitDirs(work);
      setTimes(work, time);
    } catch (GitAPIException e) {
      throw new IOException("git checkout of " + sha + " from " + spec.attrs().publicUrl() + " failed: " + GitErrors.describe(e), e);
    }
  }

  /**
   * {@code git submodule update --init --recursive}: each submodule is fetched from its real
   * remote (a relative URL resolves against its parent's {@code origin}) into {@code
   * .git/modules/<name>} and checked out at the commit its parent records, then its own
   * submodules, at any depth, the same way and with the same access; {@code shallow} (no kept
   * {@code .git}) fetches just that commit when the server allows. Done by hand rather than with
   * JGit's SubmoduleUpdateCommand so that no background auto-gc starts in a repository this
   * checkout is about to copy or delete.
   */
  private static void updateSubmodules(Git git, TransportConfigCallback auth, boolean shallow)
      throws IOException, GitAPIException {
    Repository repo = git.getRepository();
    if (!Files.exists(repo.getWorkTree().toPath().resolve(".gitmodules"))) return;
    git.submoduleInit().call();
    try (SubmoduleWalk walk = SubmoduleWalk.forIndex(repo)) {
      while (walk.next()) {
        String url = walk.getConfigUrl();
        if (url == null) continue; // not in .gitmodules: nothing to fetch it from
        File gitDir = new File(repo.getDirectory(), "modules/" + walk.getModuleName());
        try (Git sub = Git.init().setDirectory(walk.getDirectory()).setGitDir(gitDir).setRelativeDirs(true).call()) {
          StoredConfig config = sub.getRepository().getConfig();
          config.setBoolean("fetch", null, "autogc", false);
          config.setString("remote", "origin", "url", url);
          config.setString("remote", "origin", "fetch", "+refs/heads/*:refs/remotes/origin/*");
          config.save();
          ObjectId commit = walk.getObjectId();
          // Without a kept .git one commit is enough (BuildKit's --depth=1), if the server hands
          // out commits by id; else every branch and tag, and the commit by id if on none.
          if (!(shallow && fetchCommit(sub, commit, true, auth))) {
            sub.fetch().setRemote("origin").setTagOpt(TagOpt.FETCH_TAGS).setTransportConfigCallback(auth).call();
            if (!has(sub.getRepository(), commit)) fetchCommit(sub, commit, false, auth);
          }
          sub.checkout().setName(commit.name()).call();
          updateSubmodules(sub, auth, shallow);
        }
      }
    } catch (ConfigInvalidException e) {
      throw new IOException("invalid .gitmodules in " + repo.getWorkTree() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fetches {@code commit} by id; with {@code depth1} alone and at depth 1, and false rather than
   * an error when the server refuses (it only hands out advertised refs).
   */
  private static boolean fetchCommit(Git sub, ObjectId commit, boolean depth1, TransportConfigCallback auth)
      throws IOException, GitAPIException {
    FetchCommand fetch = sub.fetch().setRemote("origin").setRefSpecs(new RefSpec(commit.name() + ":refs/kiln/submodule"))
        .setTagOpt(TagOpt.NO_TAGS).setTransportConfigCallback(auth);
    if (depth1) fetch.setDepth(1);
    try {
      fetch.call();
    } catch (GitAPIException e) {
      if (depth1) return false;
      throw e;
    } finally {
      deleteRef(sub, "refs/kiln/submodule");
    }
    return has(sub.getRepository(), commit);
  }

  private static boolean has(Repository repo, ObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      walk.parseCommit(commit);
      return true;
    } catch (MissingObjectException e) {
      return false;
    }
  }

  private static void deleteRef(Git git, String name) throws IOException {
    RefUpdate update = git.getRepository().updateRef(name);
    update.setForceUpdate(true);
    update.delete();
  }

  private static Instant commitTime(Git git, ObjectId commit) throws IOException {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      return Instant.ofEpochSecond(walk.parseCommit(commit).getCommitTime());
    }
  }

  /** The top {@code .git} directory and the {@code .git} files submodules leave behind. */
  private static void removeGitDirs(Path work) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(work, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (dir.getFileName().toString().equals(".git")) {
          found.add(dir);
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (file.getFileName().toString().equals(".git")) found.add(file);
        return FileVisitResult.CONTINUE;
      }
    });
    for (Path p : found) Trees.deleteRecursively(p);
  }

  /** Children before their directory, so setting a child's time cannot move its parent's. */
  private static void setTimes(Path work, Instant time) throws IOException {
    Files.walkFileTree(work, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        PosixFiles.setTimes(file, time, time);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) throw e;
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) PosixFiles.setTimes(dir, time, time);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
