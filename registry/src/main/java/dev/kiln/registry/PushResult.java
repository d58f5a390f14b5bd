package dev.kiln.registry;

/** How a blob reached the target repository. */
public enum PushResult {
  /** The repository already had it (HEAD said so); nothing was sent. */
  EXISTED,
  /** Linked from another repository on the same registry; nothing was sent. */
  MOUNTED,
  /** Uploaded. */
  UPLOADED
}
