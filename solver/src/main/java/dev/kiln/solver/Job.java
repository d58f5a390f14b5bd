package dev.kiln.solver;

import dev.kiln.solver.cache.MissExplanation;
import dev.kiln.solver.progress.ProgressEvent;
import dev.kiln.solver.progress.ProgressListener;
import dev.kiln.solver.progress.ProgressLog;
import dev.kiln.solver.progress.Subscription;
import java.util.List;
import java.util.Optional;

/**
 * One build's use of the {@link Solver} (BuildKit {@code solver.Job}). Solve any number of targets, from
 * any threads; a vertex is solved at most once per job and its results are held until {@link #close}.
 * Progress of every vertex the job waits on, including executions shared with other jobs, goes to the
 * job's {@link ProgressLog}. Thread-safe.
 */
public final class Job implements AutoCloseable {
  private final String id;
  private final Solver solver;
  private final JobThreads threads = new JobThreads();
  private final ProgressLog progress;
  private final VertexSolver vertices;

  Job(String id, Solver solver, JobOptions options) {
    this.id = id;
    this.solver = solver;
    this.progress = new ProgressLog(options.logMemoryBudget(), options.spillDirectory());
    this.vertices = new VertexSolver(solver, options.noCache(), threads, progress);
  }

  public String id() {
    return id;
  }

  /**
   * Solves {@code target}, blocking until its result is ready. Interrupting the calling thread cancels
   * this solve.
   *
   * @return a result handle the caller owns
   * @throws VertexFailedException a vertex the target depends on failed
   * @throws SolveCancelledException the job was cancelled or the thread interrupted
   */
  public CachedResult solve(Edge target) {
    try {
      threads.enter();
      try {
        var solved = vertices.solved(target.vertex());
        return new CachedResult(solved.outputs().get(target.index()).clone(), solved.keys(target.index()),
            solved.cached());
      } finally {
        threads.exit();
      }
    } catch (InterruptedException e) {
      if (!threads.cancelled()) {
        Thread.currentThread().interrupt(); // someone else's interrupt: keep it visible
      }
      throw new SolveCancelledException("job " + id + " was cancelled while solving " + target.vertex());
    }
  }

  /**
   * The definition-based cache key of {@code edge}: computed from cache maps alone, nothing is executed.
   *
   * @throws VertexFailedException an op's cache map failed
   * @throws SolveCancelledException the job was cancelled or the thread interrupted
   */
  public String definitionKey(Edge edge) {
    try {
      threads.enter();
      try {
        return vertices.keyed(edge.vertex()).definitionKey(edge.index());
      } finally {
        threads.exit();
      }
    } catch (InterruptedException e) {
      if (!threads.cancelled()) {
        Thread.currentThread().interrupt();
      }
      throw new SolveCancelledException("job " + id + " was cancelled while keying " + edge.vertex());
    }
  }

  /**
   * Stops this job's work: its solves throw {@link SolveCancelledException}. Executions shared with other
   * jobs go on for them; those only this job waited on are interrupted.
   */
  public void cancel() {
    threads.cancel();
  }

  /** Subscribes to progress: replays what happened so far, then live events until the handle is closed. */
  public Subscription subscribe(ProgressListener listener) {
    return progress.subscribe(listener);
  }

  /** Every progress event so far, in order (spilled logs included). */
  public List<ProgressEvent> progress() {
    return progress.history();
  }

  /**
   * Why {@code edge} was not found in the cache in this job: compares the key it was saved under with the
   * most recent comparable record. Empty if the edge was not solved by this job or came from the cache.
   */
  public Optional<MissExplanation> explainMiss(Edge edge) {
    var solved = vertices.peekSolved(edge.vertex());
    if (solved == null || solved.cached()) {
      return Optional.empty();
    }
    var recipe = solved.finalRecipes().get(edge.index());
    return Optional.of(MissExplanation.explain(solver.storage(), edge.vertex().digest(), recipe));
  }

  /**
   * Cancels anything still running and waits for this job's solves to return, then releases the results
   * the job holds and deletes spilled logs.
   */
  @Override
  public void close() {
    threads.cancelAndAwaitIdle();
    vertices.releaseAll();
    progress.close();
  }
}
