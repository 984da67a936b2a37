package org.csssim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The process's CPU time over a timed window, split by kind of thread (event loops, workers,
 * the bench's own), with the rest (the JIT's compilers and the collector, which are not Java
 * threads a bean shows) by difference: what a rate's ceiling ratio is spent on.
 */
final class CpuSplit {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private final long process;
  private final Map<Long, Long> byThread;

  private CpuSplit(long process, Map<Long, Long> byThread) {
    this.process = process;
    this.byThread = byThread;
  }

  static CpuSplit now() {
    Map<Long, Long> byThread = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      byThread.put(id, Math.max(0, THREADS.getThreadCpuTime(id)));
    }
    return new CpuSplit(processCpu(), byThread);
  }

  /** The CPU seconds since {@link #now()}, by kind and in all, as one line. */
  String since() {
    long total = processCpu() - process;
    Map<String, Long> byKind = new LinkedHashMap<>();
    long threads = 0;
    for (long id : THREADS.getAllThreadIds()) {
      ThreadInfo info = THREADS.getThreadInfo(id);
      long used = THREADS.getThreadCpuTime(id) - byThread.getOrDefault(id, 0L);
      if (info == null || used <= 0) {
        continue;
      }
      byKind.merge(kind(info.getThreadName()), used, Long::sum);
      threads += used;
    }
    byKind.put("JIT, GC and exited threads", Math.max(0, total - threads));
    return byKind.entrySet().stream().filter(e -> e.getValue() >= 50_000_000).sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> String.format("%s %.1f s (%.0f%%)", e.getKey(), e.getValue() / 1e9, 100.0 * e.getValue() / total))
        .collect(Collectors.joining(", ")) + String.format("; %.1f s in all", total / 1e9);
  }

  /** A thread's name without its number: vert.x-eventloop-thread-3 is an event loop. */
  private static String kind(String name) {
    if (name.startsWith("vert.x-eventloop")) {
      return "event loops (sender and receiver)";
    }
    if (name.startsWith("vert.x-worker")) {
      return "workers (signing)";
    }
    return name.startsWith("main") ? "the bench's own thread" : "other threads";
  }

  private static long processCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
