package dev.kiln.engine.source.git;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;

/**
 * Which advertised ref a source's {@code #ref} names, the way {@code git checkout} would read it:
 * empty is HEAD, {@code refs/…} is exact, otherwise a tag wins over a branch of the same name.
 * Annotated tags resolve to the commit they point at.
 */
final class RemoteRefs {
  private static final Pattern FULL_SHA = Pattern.compile("[0-9a-f]{40}");
  private static final Pattern SHORT_SHA = Pattern.compile("[0-9a-f]{4,39}");

  private RemoteRefs() {}

  /**
   * A ref resolved on the remote: the commit, the ref name to fetch it by, and the annotated tag
   * object the ref names (null for a branch or a lightweight tag).
   */
  record Match(ObjectId commit, String refName, ObjectId tag) {}

  static boolean isFullCommit(String ref) {
    return FULL_SHA.matcher(ref).matches();
  }

  static boolean isShortCommit(String ref) {
    return SHORT_SHA.matcher(ref).matches();
  }

  static Optional<Match> find(String ref, Map<String, Ref> advertised) {
    List<String> candidates = ref.isEmpty() ? List.of("HEAD")
        : ref.startsWith("refs/") ? List.of(ref)
        : List.of("refs/tags/" + ref, "refs/heads/" + ref);
    for (String name : candidates) {
      Ref r = advertised.get(name);
      if (r != null && r.getObjectId() != null) {
        boolean annotated = r.getPeeledObjectId() != null;
        ObjectId commit = annotated ? r.getPeeledObjectId() : r.getObjectId();
        String fetchName = r.isSymbolic() ? r.getTarget().getName() : r.getName();
        return Optional.of(new Match(commit, fetchName, annotated ? r.getObjectId() : null));
      }
    }
    return Optional.empty();
  }
}
