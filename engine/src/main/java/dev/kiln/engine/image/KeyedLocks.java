package dev.kiln.engine.image;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One reentrant lock per key (a blob digest, a layer chain), forgotten as soon as no thread holds
 * or waits for it. A map of locks that are never removed grows by one entry per blob a long-lived
 * daemon ever pulled. Thread-safe.
 */
final class KeyedLocks<K> {
  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users; // holders and waiters, guarded by the KeyedLocks
  }

  private final Map<K, Entry> entries = new HashMap<>();

  /** A held lock; closing it unlocks. Close it on the thread that locked it, once. */
  final class Held implements AutoCloseable {
    private final K key;
    private final Entry entry;

    private Held(K key, Entry entry) {
      this.key = key;
      this.entry = entry;
    }

    @Override
    public void close() {
      entry.lock.unlock();
      leave(key, entry);
    }
  }

  Held lock(K key) {
    Entry entry = enter(key);
    entry.lock.lock();
    return new Held(key, entry);
  }

  Held lockInterruptibly(K key) throws InterruptedException {
    Entry entry = enter(key);
    try {
      entry.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      leave(key, entry);
      throw e;
    }
    return new Held(key, entry);
  }

  /** Keys with a holder or a waiter. */
  synchronized int size() {
    return entries.size();
  }

  private synchronized Entry enter(K key) {
    Entry entry = entries.computeIfAbsent(key, k -> new Entry());
    entry.users++;
    return entry;
  }

  private synchronized void leave(K key, Entry entry) {
    if (--entry.users == 0) entries.remove(key);
  }
}
