package dev.kiln.cli.usage;

import dev.kiln.proto.control.UsageRecord;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code kiln du}/{@code kiln prune} output, laid out as buildctl's (table, verbose blocks, summary). */
public final class UsageTable {
  private final PrintStream out;
  private final Instant now;

  public UsageTable(PrintStream out, Instant now) {
    this.out = out;
    this.now = now;
  }

  /** One row per record: ID ({@code *} when mutable), RECLAIMABLE, SIZE ({@code *} when shared), LAST ACCESSED. */
  public void table(List<UsageRecord> records) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "RECLAIMABLE", "SIZE", "LAST ACCESSED"});
    for (UsageRecord r : records) {
      rows.add(new String[] {r.getID() + (r.getMutable() ? "*" : ""), String.valueOf(!r.getInUse()),
          HumanUnits.size(r.getSize()) + (r.getShared() ? "*" : ""), lastUsed(r)});
    }
    aligned(rows);
  }

  /** Every field of every record, a blank line between records. */
  public void verbose(List<UsageRecord> records) {
    for (UsageRecord r : records) {
      List<String[]> rows = new ArrayList<>();
      rows.add(kv("ID:", r.getID()));
      if (r.getParentsCount() > 0) rows.add(kv("Parents:", String.join(";", r.getParentsList())));
      rows.add(kv("Created at:", Instant.ofEpochSecond(r.getCreatedAt().getSeconds(), r.getCreatedAt().getNanos()).toString()));
      rows.add(kv("Mutable:", String.valueOf(r.getMutable())));
      rows.add(kv("Reclaimable:", String.valueOf(!r.getInUse())));
      rows.add(kv("Shared:", String.valueOf(r.getShared())));
      rows.add(kv("Size:", HumanUnits.size(r.getSize())));
      if (!r.getDescription().isEmpty()) rows.add(kv("Description:", r.getDescription()));
      rows.add(kv("Usage count:", String.valueOf(r.getUsageCount())));
      if (r.hasLastUsedAt()) rows.add(kv("Last used:", lastUsed(r)));
      if (!r.getRecordType().isEmpty()) rows.add(kv("Type:", r.getRecordType()));
      aligned(rows);
      out.println();
    }
  }

  /** Shared/Private (when anything is shared), Reclaimable and Total. */
  public void summary(List<UsageRecord> records) {
    long total = 0;
    long reclaimable = 0;
    long shared = 0;
    for (UsageRecord r : records) {
      total += Math.max(0, r.getSize());
      if (!r.getInUse()) reclaimable += Math.max(0, r.getSize());
      if (r.getShared()) shared += r.getSize();
    }
    List<String[]> rows = new ArrayList<>();
    if (shared > 0) {
      rows.add(kv("Shared:", HumanUnits.size(shared)));
      rows.add(kv("Private:", HumanUnits.size(total - shared)));
    }
    rows.add(kv("Reclaimable:", HumanUnits.size(reclaimable)));
    rows.add(kv("Total:", HumanUnits.size(total)));
    aligned(rows);
  }

  /** Just the total of {@code records} ({@code kiln prune} without {@code --verbose}). */
  public void total(List<UsageRecord> records) {
    aligned(List.<String[]>of(kv("Total:", HumanUnits.size(records.stream().mapToLong(r -> Math.max(0, r.getSize())).sum()))));
  }

  private String lastUsed(UsageRecord r) {
    if (!r.hasLastUsedAt()) return "";
    Instant used = Instant.ofEpochSecond(r.getLastUsedAt().getSeconds(), r.getLastUsedAt().getNanos());
    return HumanUnits.age(Duration.between(used, now).abs()) + " ago";
  }

  private static String[] kv(String k, String v) {
    return new String[] {k, v};
  }

  /** Pads every column but the last to its widest cell plus one space, like Go's tabwriter. */
  private void aligned(List<String[]> rows) {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[columns];
    for (String[] r : rows) {
      for (int i = 0; i < r.length - 1; i++) width[i] = Math.max(width[i], r[i].length());
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(r[i]);
        if (i < r.length - 1) line.append(" ".repeat(width[i] - r[i].length() + 1));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
