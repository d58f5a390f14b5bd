package dev.kiln.engine.ops;

import dev.kiln.engine.fs.Copy;
import dev.kiln.engine.fs.FileAction;
import dev.kiln.engine.fs.Mkdir;
import dev.kiln.engine.fs.Mkfile;
import dev.kiln.engine.fs.Owner;
import dev.kiln.engine.fs.Rm;
import dev.kiln.engine.fs.UserDb;
import dev.kiln.proto.pb.ChownOpt;
import dev.kiln.proto.pb.FileActionCopy;
import dev.kiln.proto.pb.UserOpt;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.LongFunction;

/**
 * Turns a wire {@code FileAction} into the engine's file-action record, resolving owner names
 * against the {@code /etc/passwd} and {@code /etc/group} of the input the LLB names.
 */
final class FileActionTranslator {
  private FileActionTranslator() {}

  /**
   * @param rootOfInput the host root of a FileOp input index (op inputs, then earlier actions'
   *     results), or null when that index is scratch
   */
  static FileAction translate(dev.kiln.proto.pb.FileAction a, LongFunction<Path> rootOfInput) throws IOException {
    return switch (a.getActionCase()) {
      case MKDIR -> {
        var m = a.getMkdir();
        yield new Mkdir(m.getPath(), m.getMode(), m.getMakeParents(),
            owner(m.hasOwner() ? m.getOwner() : null, rootOfInput), time(m.getTimestamp()));
      }
      case MKFILE -> {
        var f = a.getMkfile();
        yield new Mkfile(f.getPath(), f.getMode(), f.getData().toByteArray(),
            owner(f.hasOwner() ? f.getOwner() : null, rootOfInput), time(f.getTimestamp()));
      }
      case RM -> new Rm(a.getRm().getPath(), a.getRm().getAllowNotFound(), a.getRm().getAllowWildcard());
      case COPY -> copy(a.getCopy(), rootOfInput);
      default -> throw new IOException("unsupported file action " + a.getActionCase());
    };
  }

  private static Copy copy(FileActionCopy c, LongFunction<Path> rootOfInput) throws IOException {
    return new Copy(c.getSrc(), c.getDest(), owner(c.hasOwner() ? c.getOwner() : null, rootOfInput),
        c.getMode() < 0 ? null : c.getMode() & 07777, c.getFollowSymlink(), c.getDirCopyContents(),
        c.getAttemptUnpackDockerCompatibility(), c.getCreateDestPath(), c.getAllowWildcard(),
        c.getAllowEmptyWildcard(), time(c.getTimestamp()), c.getIncludePatternsList(),
        c.getExcludePatternsList(), c.getAlwaysReplaceExistingDestPaths());
  }

  private static Instant time(long nanos) {
    return nanos < 0 ? null : Instant.ofEpochSecond(0, nanos);
  }

  /** BuildKit's rules: a numeric user without a group gets gid = uid; a named one its primary group. */
  static Owner owner(ChownOpt chown, LongFunction<Path> rootOfInput) throws IOException {
    if (chown == null || !chown.hasUser()) return null;
    int uid;
    int gid;
    UserOpt user = chown.getUser();
    if (user.hasByName()) {
      Owner named = UserDb.resolve(root(user, rootOfInput), user.getByName().getName(), null);
      uid = named.uid();
      gid = named.gid();
    } else {
      uid = user.getByID();
      gid = uid;
    }
    if (chown.hasGroup()) {
      UserOpt group = chown.getGroup();
      gid = group.hasByName()
          ? UserDb.resolve(root(group, rootOfInput), "0", group.getByName().getName()).gid()
          : group.getByID();
    }
    return new Owner(uid, gid);
  }

  private static Path root(UserOpt named, LongFunction<Path> rootOfInput) throws IOException {
    Path root = rootOfInput.apply(named.getByName().getInput());
    if (root == null) {
      throw new IOException("cannot resolve user or group '" + named.getByName().getName()
          + "': the action's base is empty (scratch), use a numeric id");
    }
    return root;
  }
}
