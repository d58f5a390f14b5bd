package dev.kiln.dockerfile.instructions;

import java.util.List;

/**
 * The flags of COPY and ADD; those not valid for the instruction stay empty.
 *
 * @param from       COPY {@code --from}: a stage name, a stage index or an image
 * @param checksum   ADD {@code --checksum} of an HTTP source
 * @param keepGitDir ADD {@code --keep-git-dir} for a Git source
 */
public record CopyFlags(String from, String chown, String chmod, boolean link, boolean parents, List<String> excludes,
        String checksum, boolean keepGitDir) {

    public CopyFlags {
        excludes = List.copyOf(excludes);
    }

    public CopyFlags withChownChmod(String newChown, String newChmod) {
        return new CopyFlags(from, newChown, newChmod, link, parents, excludes, checksum, keepGitDir);
    }
}
