package dev.kiln.engine.fs;

import dev.kiln.engine.sys.SysException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Turns an I/O failure into a message with in-root paths, never the host's snapshot paths. */
final class FsErrors {
  private FsErrors() {}

  static FileActionException wrap(FileAction action, IOException e, Path... roots) {
    return new FileActionException(action, detail(e, roots), e);
  }

  static String detail(IOException e, Path... roots) {
    if (e instanceof SysException || !(e instanceof FileSystemException fse)) {
      return strip(e.getMessage(), roots);
    }
    String what =
        switch (fse) {
          case NoSuchFileException x -> "no such file or directory";
          case FileAlreadyExistsException x -> "file exists";
          case DirectoryNotEmptyException x -> "directory not empty";
          case NotDirectoryException x -> "not a directory";
          case AccessDeniedException x -> "permission denied";
          case FileSystemLoopException x -> "too many levels of symbolic links";
          default -> fse.getReason() != null ? fse.getReason() : "failed";
        };
    String file = fse.getFile() == null ? "" : ": " + strip(fse.getFile(), roots);
    String other = fse.getOtherFile() == null ? "" : " → " + strip(fse.getOtherFile(), roots);
    boolean mapped = !(fse.getClass() == FileSystemException.class);
    String reason = mapped && fse.getReason() != null ? " (" + fse.getReason() + ")" : "";
    return what + file + other + reason;
  }

  /** Replaces each host root prefix by {@code /}. */
  static String strip(String message, Path... roots) {
    if (message == null) {
      return "";
    }
    String out = message;
    for (Path root : roots) {
      String r = root.toAbsolutePath().normalize().toString();
      out = out.replace(r + "/", "/").replace(r, "/");
    }
    return out;
  }
}
