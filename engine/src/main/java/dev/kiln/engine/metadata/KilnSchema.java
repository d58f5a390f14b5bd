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
          "CREATE INDEX lease_resources_resource ON lease_resources(kind, resource)"),
      // v2: the solver's cache: key -> result, with what each key was made of
      List.of(
          """
          CREATE TABLE cache_records (
            key TEXT PRIMARY KEY,
            result_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            vertex TEXT NOT NULL,
            op_digest TEXT NOT NULL,
            output_index INTEGER NOT NULL
          )""",
          "CREATE INDEX cache_records_result ON cache_records(result_id)",
          "CREATE INDEX cache_records_vertex ON cache_records(vertex, created_at)",
          "CREATE INDEX cache_records_op ON cache_records(op_digest, created_at)",
          """
          CREATE TABLE cache_record_inputs (
            key TEXT NOT NULL REFERENCES cache_records(key) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            input INTEGER NOT NULL,
            selector TEXT NOT NULL,
            by_content INTEGER NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (key, position)
          )"""),
      // v3: image layers unpacked once per chain id and shared by every image that has them;
      // the digest each image name was last resolved to (for image.resolvemode=local)
      List.of(
          """
          CREATE TABLE layer_snapshots (
            chain_id TEXT PRIMARY KEY,
            snapshot_id TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            diff_id TEXT NOT NULL,
            created_at INTEGER NOT NULL
          )""",
          "CREATE INDEX layer_snapshots_snapshot ON layer_snapshots(snapshot_id)",
          """
          CREATE TABLE image_names (
            name TEXT PRIMARY KEY,
            digest TEXT NOT NULL,
            resolved_at INTEGER NOT NULL
          )"""),
      // v4: layer blobs made from snapshots, so re-exporting an unchanged image is nearly free
      List.of(
          """
          CREATE TABLE layer_blobs (
            snapshot TEXT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
            variant TEXT NOT NULL,
            diff_id TEXT NOT NULL,
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (snapshot, variant)
          )""",
          "CREATE INDEX layer_blobs_digest ON layer_blobs(digest)"),
      // v5: usage accounting per snapshot for `kiln du` and the garbage collector
      List.of(
          "ALTER TABLE snapshots ADD COLUMN last_used_at INTEGER",
          "ALTER TABLE snapshots ADD COLUMN usage_count INTEGER NOT NULL DEFAULT 0",
          "ALTER TABLE snapshots ADD COLUMN record_type TEXT NOT NULL DEFAULT 'regular'",
          "ALTER TABLE snapshots ADD COLUMN description TEXT",
          "UPDATE snapshots SET last_used_at = created_at",
          "CREATE INDEX snapshots_last_used ON snapshots(last_used_at)"),
      // v6: what each http(s) source URL last returned, so an unchanged URL is asked with
      // If-None-Match / If-Modified-Since and not downloaded again
      List.of(
          """
          CREATE TABLE http_validators (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            filename TEXT NOT NULL,
            digest TEXT NOT NULL,
            size INTEGER NOT NULL,
            fetched_at INTEGER NOT NULL
          )"""),
      // v7: the repositories a blob was pulled from, so a push to the same registry can mount it
      List.of(
          """
          CREATE TABLE blob_sources (
            digest TEXT NOT NULL,
            repository TEXT NOT NULL,
            recorded_at INTEGER NOT NULL,
            PRIMARY KEY (digest, repository)
          )"""),
      // v8: where each deflated chunk of a gzip layer blob lies, so a later layer holding the same
      // chunk copies its compressed bytes instead of deflating it again
      List.of(
          """
          CREATE TABLE layer_chunks (
            chunk_key TEXT NOT NULL,
            blob TEXT NOT NULL,
            offset INTEGER NOT NULL,
            length INTEGER NOT NULL,
            crc INTEGER NOT NULL,
            input_length INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,
            PRIMARY KEY (chunk_key, blob)
          )""",
          "CREATE INDEX layer_chunks_blob ON layer_chunks(blob)")));
}
