package dev.kiln.engine.source.git;

import dev.kiln.llb.Digest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * One bare mirror per remote under {@code <root>/<sha256 of the URL>}, fetched incrementally
 * (only what it lacks, shallow where it can be). Commits a build used are pinned under {@code refs/kiln/pins/<sha>} so a
 * checkout can fetch them by name from the mirror. One fetch per mirror at a time. Thread-safe.
 */
final class GitMirrors {
  static final String PINS = "refs/kiln/pins/";

  private final Path root;
  private final Map<Path, ReentrantLock> locks = new ConcurrentHashMap<>();

  GitMirrors(Path root) {
    this.root = root;
  }

  /** The refs the remote advertises now ({@code git ls-remote}): one request, nothing fetched. */
  Map<String, Ref> lsRemote(String url, TransportConfigCallback auth) throws IOException {
    try {
      return Git.lsRemoteRepository().setRemote(url).setTransportConfigCallback(auth).callAsMap();
    } catch (GitAPIException e) {
      throw new IOException("git ls-remote " + url + " failed: " + GitErrors.describe(e), e);
    }
  }

  Path dir(String url) {
    return root.resolve(Digest.of(url.getBytes(StandardCharsets.UTF_8)).hex());
  }

  /**
   * Makes the mirror of {@code url} hold {@code commitish} and pins it: fetched by {@code refName}
   * when given, else by hash. Returns the commit. Fetches are shallow (depth 1) as BuildKit's are,
   * except where history is needed: {@code fullHistory} (a kept {@code .git}) unshallows the
   * mirror, and a commit named by a short hash needs every branch and tag in full. A mirror that
   * already holds what is asked for fetches nothing.
   */
  ObjectId fetch(String url, String refName, String commitish, boolean fullHistory, TransportConfigCallback auth)
      throws IOException {
    Path dir = dir(url);
    ReentrantLock lock = locks.computeIfAbsent(dir, d -> new ReentrantLock());
    lock.lock();
    try (Git git = open(dir)) {
      Repository repo = git.getRepository();
      ObjectId commit = commitOf(repo, commitish);
      boolean shallow = !repo.getObjectDatabase().getShallowCommits().isEmpty();
      // A checkout also wants the ref itself (a kept .git names its branch or tag).
      boolean needsRef = commit != null && refName != null && !refName.equals("HEAD") && !points(repo, refName, commit);
      if (commit == null || needsRef || (fullHistory && shallow)) {
        if (refName != null) {
          String local = refName.equals("HEAD") ? "refs/kiln/head" : refName;
          fetch(git, url, List.of(new RefSpec("+" + refName + ":" + local)), !fullHistory, fullHistory && shallow, auth);
        } else if (!fullHistory && RemoteRefs.isFullCommit(commitish) && fetchById(git, url, commitish, auth)) {
          // fetched alone, at depth 1
        } else {
          fetch(git, url, List.of(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*")),
              false, shallow, auth);
        }
        commit = commitOf(repo, commitish);
      }
      if (commit == null) {
        throw new IOException("commit " + commitish + " not found in " + url);
      }
      pin(repo, commit);
      return commit;
    } catch (GitAPIException e) {
      throw new IOException("git fetch " + url + " failed: " + GitErrors.describe(e), e);
    } finally {
      lock.unlock();
    }
  }

  private static void fetch(Git git, String url, List<RefSpec> specs, boolean shallow, boolean unshallow,
      TransportConfigCallback auth) throws GitAPIException {
    FetchCommand fetch = git.fetch().setRemote(url).setRefSpecs(specs).setTagOpt(TagOpt.NO_TAGS)
        .setTransportConfigCallback(auth);
    if (shallow) fetch.setDepth(1);
    if (unshallow) fetch.setUnshallow(true);
    fetch.call();
  }

  /**
   * Fetches one commit by its hash at depth 1; false when the server refuses wants that are not
   * advertised refs (older servers without {@code allowReachableSHA1InWant}), so the caller falls
   * back to fetching every branch and tag.
   */
  private static boolean fetchById(Git git, String url, String sha, TransportConfigCallback auth) throws IOException {
    try {
      fetch(git, url, List.of(new RefSpec(sha + ":refs/kiln/fetched")), true, false, auth);
    } catch (GitAPIException e) {
      return false;
    }
    boolean found = commitOf(git.getRepository(), sha) != null;
    RefUpdate cleanup = git.getRepository().updateRef("refs/kiln/fetched");
    cleanup.setForceUpdate(true);
    cleanup.delete();
    return found;
  }

  private Git open(Path dir) throws IOException, GitAPIException {
    if (Files.isDirectory(dir.resolve("objects"))) return Git.open(dir.toFile());
    Files.createDirectories(dir);
    return Git.init().setBare(true).setDirectory(dir.toFile()).call();
  }

  /** The commit {@code commitish} (a hash, possibly short) names in {@code repo}, or null. */
  private static ObjectId commitOf(Repository repo, String commitish) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId id = repo.resolve(commitish + "^{commit}");
      return id == null ? null : walk.parseCommit(id).getId();
    } catch (RevisionSyntaxException | AmbiguousObjectException | MissingObjectException e) {
      return null; // not (uniquely) in the mirror yet
    }
  }

  private static boolean points(Repository repo, String refName, ObjectId commit) throws IOException {
    Ref ref = repo.exactRef(refName);
    if (ref == null) return false;
    Ref peeled = repo.getRefDatabase().peel(ref);
    ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
    return commit.equals(target);
  }

  private static void pin(Repository repo, ObjectId commit) throws IOException {
    RefUpdate update = repo.updateRef(PINS + commit.name());
    update.setNewObjectId(commit);
    update.setForceUpdate(true);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.NO_CHANGE && result != RefUpdate.Result.FORCED) {
      throw new IOException("cannot pin " + commit.name() + " in " + repo.getDirectory() + ": " + result);
    }
  }
}
