package dev.kiln.engine.gc;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * One pruning rule, as a {@code [[worker.oci.gcpolicy]]} table of buildkitd.toml. Policies apply in
 * order; each removes records matching its {@code filters} that were not used for {@code
 * keepDuration}, least recently used first, until the matching records' size is within its limit.
 *
 * @param keepDuration records used more recently than this are kept (zero: no age condition)
 * @param reservedSpace never prune the matching records below this many bytes ({@code keepBytes}
 *     in older configurations; alone, it is the size to prune down to)
 * @param maxUsedSpace prune until the matching records use at most this many bytes (0: no cap)
 * @param minFreeSpace prune until the disk has this many bytes free (0: no condition)
 * @param filters BuildKit filter strings ({@code type==source.local}, {@code id==…}, {@code
 *     description~=…}, {@code inuse}, {@code unused-for=48h}…); empty: every record
 * @param all also internal and frontend records
 */
public record GcPolicy(Duration keepDuration, long reservedSpace, long maxUsedSpace, long minFreeSpace,
    List<String> filters, boolean all) {
  private static final long MB = 1_000_000;
  private static final long DEFAULT_KEEP = 2_000 * MB;

  public GcPolicy {
    filters = List.copyOf(filters);
    if (keepDuration.isNegative() || reservedSpace < 0 || maxUsedSpace < 0 || minFreeSpace < 0) {
      throw new IllegalArgumentException("GC policy values must not be negative: " + keepDuration + ", "
          + reservedSpace + ", " + maxUsedSpace + ", " + minFreeSpace);
    }
  }

  /** {@code kiln prune --keep-storage N}: prune everything not in use down to {@code keepBytes}. */
  public static GcPolicy keepBytes(long keepBytes) {
    return new GcPolicy(Duration.ZERO, keepBytes, 0, 0, List.of(), false);
  }

  /** Prune every unused record matching {@code filters} (all of them when {@code all}). */
  public static GcPolicy everything(List<String> filters, boolean all) {
    return new GcPolicy(Duration.ZERO, 0, 0, 0, filters, all);
  }

  /**
   * BuildKit's default policies for a store keeping about {@code keepBytes} (buildkitd's default:
   * 10% of the disk, 2 GB when the disk size is unknown): sources and cache mounts unused for two
   * days go first, then anything unused for 60 days, then anything over the limit, then internal
   * records too.
   */
  public static List<GcPolicy> defaults(long keepBytes) {
    return List.of(
        new GcPolicy(Duration.ofHours(48), 512 * MB, 0, 0,
            List.of("type==source.local", "type==exec.cachemount", "type==source.git.checkout"), false),
        new GcPolicy(Duration.ofDays(60), keepBytes, 0, 0, List.of(), false),
        new GcPolicy(Duration.ZERO, keepBytes, 0, 0, List.of(), false),
        new GcPolicy(Duration.ZERO, keepBytes, 0, 0, List.of(), true));
  }

  /** The default keep size for a disk: 10% of it, or 2 GB when its size is unknown. */
  public static long defaultKeepBytes(DiskStats disk) {
    return disk.total() > 0 ? disk.total() / 10 : DEFAULT_KEEP;
  }

  /** {@code kiln prune --all} with no filter or limit: every unused record goes. */
  boolean removesEverything() {
    return all && filters.isEmpty() && keepDuration.isZero() && reservedSpace == 0 && maxUsedSpace == 0 && minFreeSpace == 0;
  }

  /**
   * The size the matching records may keep, or empty when only age and filters decide (then every
   * candidate goes). {@code used} is their current size.
   */
  OptionalLong sizeLimit(long used, DiskStats disk) {
    if (maxUsedSpace == 0 && minFreeSpace == 0) {
      return reservedSpace > 0 ? OptionalLong.of(reservedSpace) : OptionalLong.empty();
    }
    long limit = maxUsedSpace > 0 ? maxUsedSpace : Long.MAX_VALUE;
    if (minFreeSpace > 0 && disk.total() > 0) {
      // What the records may keep so that the disk has minFreeSpace free once they shrink.
      limit = Math.min(limit, Math.max(0, used + disk.free() - minFreeSpace));
    }
    return OptionalLong.of(Math.max(limit, reservedSpace));
  }
}
