package dev.kiln.engine.source.git;

import dev.kiln.engine.fs.TreeCopier;
import dev.kiln.engine.fs.Trees;
import dev.kiln.engine.gc.InUseDirs;
import dev.kiln.engine.source.PinningSource;
import dev.kiln.engine.worker.SnapshotRefs;
import dev.kiln.llb.Digest;
import dev.kiln.solver.CacheMap;
import dev.kiln.solver.OpContext;
import dev.kiln.solver.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jgit.api.TransportConfigCallback;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * {@code git://…}: a repository's tree at one commit. Keying resolves the ref with one {@code
 * ls-remote} (none for a full commit hash), so the key is the commit plus subdir and keepgitdir;
 * an unchanged ref is a cache hit without fetching. Executing fetches into the remote's local
 * mirror only what it lacks, checks the commit out (with submodules) and copies the subdirectory
 * into a new snapshot.
 */
public final class GitSource implements PinningSource {
  private final GitMirrors mirrors;
  private final InUseDirs mirrorUses;
  private final Path tmp;
  private final SnapshotRefs refs;

  /**
   * Mirrors live in {@code mirrorUses}' root, which counts each fetch and checkout as a use (the
   * collector removes only unused mirrors); checkouts are made in {@code tmp}.
   */
  public GitSource(InUseDirs mirrorUses, Path mirrorRoot, Path tmp, SnapshotRefs refs) {
    this.mirrors = new GitMirrors(mirrorRoot);
    this.mirrorUses = mirrorUses;
    this.tmp = tmp;
    this.refs = refs;
  }

  /** A use of the remote's mirror, so the collector leaves it alone until closed. */
  private InUseDirs.Use useMirror(GitAttrs attrs) {
    return mirrorUses.use(mirrors.dir(attrs.url()), "shared git repo for " + attrs.publicUrl());
  }

  @Override
  public Set<String> schemes() {
    return Set.of("git");
  }

  @Override
  public Instance instance(SourceRequest request) {
    return new Checkout(request);
  }

  /**
   * A commit a ref was resolved to, the remote ref to fetch it by (null: by hash) and the
   * annotated tag it was named through (null if none).
   */
  private record Pin(ObjectId commit, String refName, ObjectId tag) {}

  /** One git op: the commit keying resolved is the commit exec checks out. */
  private final class Checkout implements Instance {
    private final SourceRequest request;
    private volatile Pin pinned;

    Checkout(SourceRequest request) {
      this.request = request;
    }

    @Override
    public CacheMap cacheMap(OpContext ctx) throws Exception {
      GitAttrs attrs = GitAttrs.of(request.rest(), request.attrs());
      Pin pin;
      try (GitAccess access = GitAccess.open(attrs, request.build())) {
        pin = pin(attrs, access);
      }
      String recipe = "kiln.git.v0\n" + pin.commit().name() + "\n" + attrs.subdir() + "\n" + attrs.keepGitDir();
      return CacheMap.of(Digest.of(recipe.getBytes(StandardCharsets.UTF_8)).value(), 0);
    }

    @Override
    public Result exec(OpContext ctx) throws Exception {
      GitAttrs attrs = GitAttrs.of(request.rest(), request.attrs());
      try (GitAccess access = GitAccess.open(attrs, request.build())) {
        return exec(ctx, attrs, access);
      }
    }

    private Result exec(OpContext ctx, GitAttrs attrs, GitAccess access) throws Exception {
      Pin pin = pin(attrs, access);
      TransportConfigCallback auth = access.callback();
      // Progress as two steps a user can tell apart: the (possibly slow) fetch and the checkout.
      String fetching = "fetching " + attrs.publicUrl();
      Instant started = Instant.now();
      ctx.progress().status(fetching, fetching, 0, 0, started, null);
      try (var _ = useMirror(attrs)) {
        return fetchAndCheckOut(ctx, attrs, pin, auth, fetching, started);
      }
    }

    private Result fetchAndCheckOut(OpContext ctx, GitAttrs attrs, Pin pin, TransportConfigCallback auth,
        String fetching, Instant started) throws Exception {
      ObjectId commit = mirrors.fetch(attrs.url(), pin.refName(), pin.commit().name(), attrs.keepGitDir(), auth);
      ctx.progress().status(fetching, fetching, 0, 0, started, Instant.now());
      String checkingOut = "checking out " + commit.name();
      started = Instant.now();
      ctx.progress().status(checkingOut, checkingOut, 0, 0, started, null);
      Path work = tmp.resolve("git-" + UUID.randomUUID());
      try {
        GitCheckout.into(work, new GitCheckout.Spec(mirrors.dir(attrs.url()), commit, pin.refName(), attrs, auth));
        ctx.progress().status(checkingOut, checkingOut, 0, 0, started, Instant.now());
        Path from = attrs.subdir().isEmpty() ? work : work.resolve(attrs.subdir());
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException("subdirectory \"" + attrs.subdir() + "\" not found in " + attrs.publicUrl() + " at " + commit.name());
        }
        Result result = refs.build(null, root -> ctx.heavy(() -> {
          new TreeCopier().copy(from, root);
          return null;
        }));
        // BuildKit's type and description of a checkout, so du and prune filters match both tools.
        refs.store().describe(SnapshotRefs.snapshotId(result), "source.git.checkout",
            "git snapshot for " + attrs.publicUrl() + "#" + attrs.ref());
        return result;
      } finally {
        Trees.deleteRecursively(work);
      }
    }

    private Pin pin(GitAttrs attrs, GitAccess access) throws IOException {
      Pin p = pinned;
      if (p != null) return p;
      String ref = attrs.ref();
      if (RemoteRefs.isFullCommit(ref)) {
        p = new Pin(ObjectId.fromString(ref), null, null);
      } else {
        TransportConfigCallback auth = access.callback();
        Map<String, Ref> advertised = mirrors.lsRemote(attrs.url(), auth);
        Optional<RemoteRefs.Match> match = RemoteRefs.find(ref, advertised);
        if (match.isPresent()) {
          p = new Pin(match.get().commit(), match.get().refName(), match.get().tag());
        } else if (RemoteRefs.isShortCommit(ref)) {
          try (var _ = useMirror(attrs)) {
            p = new Pin(mirrors.fetch(attrs.url(), null, ref, attrs.keepGitDir(), auth), null, null);
          }
        } else {
          throw new IOException("git ref \"" + (ref.isEmpty() ? "HEAD" : ref) + "\" not found in " + attrs.publicUrl());
        }
      }
      checkChecksum(attrs, p);
      pinned = p;
      return p;
    }

    /**
     * {@code git.checksum}, as BuildKit checks it: a prefix of the resolved commit's hash, or of
     * the annotated tag object's the ref named.
     */
    private static void checkChecksum(GitAttrs attrs, Pin p) throws IOException {
      String want = attrs.checksum();
      if (want.isEmpty()) return;
      if (p.commit().name().startsWith(want) || (p.tag() != null && p.tag().name().startsWith(want))) return;
      throw new IOException("expected checksum to match " + want + ", got "
          + (p.tag() != null ? p.tag().name() + " or " : "") + p.commit().name()
          + " (" + attrs.publicUrl() + "#" + (attrs.ref().isEmpty() ? "HEAD" : attrs.ref()) + ")");
    }
  }
}
