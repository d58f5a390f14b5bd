package dev.kiln.solver.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a graph given as an adjacency view (vertex id → ids of its inputs, in order) before it is turned
 * into {@code Vertex} objects: every input must be defined and there must be no cycle. Iterative, so deep
 * graphs do not overflow the stack.
 */
public final class GraphValidator {
  private enum Mark { VISITING, DONE }

  private GraphValidator() {}

  /** Throws on the first dangling input or cycle found; a cycle is reported as {@code a → b → a}. */
  public static void validate(Map<String, List<String>> inputsById) throws GraphException {
    var marks = new HashMap<String, Mark>();
    for (var start : inputsById.keySet()) {
      if (!marks.containsKey(start)) {
        visit(start, inputsById, marks);
      }
    }
  }

  private static void visit(String start, Map<String, List<String>> graph, Map<String, Mark> marks)
      throws GraphException {
    // Each frame: a vertex and the position of the next input to look at; the stack is the current path.
    var path = new ArrayDeque<Frame>();
    marks.put(start, Mark.VISITING);
    path.push(new Frame(start, graph.get(start)));
    while (!path.isEmpty()) {
      var frame = path.peek();
      if (frame.next == frame.inputs.size()) {
        marks.put(frame.id, Mark.DONE);
        path.pop();
        continue;
      }
      String input = frame.inputs.get(frame.next++);
      if (!graph.containsKey(input)) {
        throw new GraphException(frame.id, "vertex " + frame.id + " has input " + input
            + ", which the definition does not contain");
      }
      var mark = marks.get(input);
      if (mark == Mark.VISITING) {
        throw new GraphException(input, "cycle: " + cycle(path, input));
      }
      if (mark == null) {
        marks.put(input, Mark.VISITING);
        path.push(new Frame(input, graph.get(input)));
      }
    }
  }

  private static String cycle(ArrayDeque<Frame> path, String closing) {
    var ids = new ArrayList<String>();
    for (var frame : path) { // top of stack first: the vertex whose input closes the cycle
      ids.add(frame.id);
      if (frame.id.equals(closing)) {
        break;
      }
    }
    Collections.reverse(ids);
    ids.add(closing);
    return String.join(" → ", ids);
  }

  private static final class Frame {
    final String id;
    final List<String> inputs;
    int next;

    Frame(String id, List<String> inputs) {
      this.id = id;
      this.inputs = inputs == null ? List.of() : inputs;
    }
  }
}
