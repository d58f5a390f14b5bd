package dev.kiln.engine.metadata;

import java.util.List;

/** The schema of {@code metadata.db}. Append new migrations at the end. */
public final class KilnSchema {
  private KilnSchema() {}

  public static final Schema SCHEMA = new Schema(List.of(
      // v1: snapshots, leases, content checksums of immutable snapshots
      List.of(
          """
          CREATE TABLE snapshots (
            id TEXT PRIMARY KEY,
            parent TEXT REFERENCES snapshots(id),
            kind TEXT NOT NULL CHECK (kind IN ('active', 'committed')),
            created_at INTEGER NOT NULL,
            size INTEGER NOT NULL DEFAULT -1
          )""",
          "CREATE INDEX snapshots_parent ON snapshots(parent)",
          """
          CREATE TABLE leases (
            id TEXT PRIMARY KEY,
            created_at INTEGER NOT NULL,
            expires_at INTEGER
          )""",
          """
          CREATE TABLE lease_resources (
            lease TEXT NOT NULL REFERENCES leases(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            resource TEXT NOT NULL,
            PRIMARY KEY (lease, kind, resource)
          )""",
          "CREATE INDEX lease_resources_resource ON lease_resources(kind, resource)")));
}
