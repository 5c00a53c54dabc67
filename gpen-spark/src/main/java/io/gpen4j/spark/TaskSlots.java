package io.gpen4j.spark;

import io.gpen4j.spi.ThreadBudget;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/**
 * How many tasks an executor runs at once and how many intra-op threads each task's model runs
 * get, so that tasks x threads stays within the executor's cores: {@code spark.executor.cores}
 * (or the cores of {@code local[N]} / {@code local-cluster[n,C,m]}, else the JVM's cores) divided
 * by {@code spark.task.cpus} gives the slots; the cores are shared between them as the CLI's
 * {@code --threads} shares them ({@link ThreadBudget}).
 *
 * @param cores the cores this executor may use
 * @param slots the tasks it runs at once
 */
record TaskSlots(int cores, int slots) {
  private static final Pattern LOCAL = Pattern.compile("local\\[(\\*|\\d+)(?:,\\d+)?]");
  private static final Pattern LOCAL_CLUSTER = Pattern.compile("local-cluster\\[\\s*\\d+\\s*,\\s*(\\d+)\\s*,.*]");

  TaskSlots {
    if (cores < 1 || slots < 1) {
      throw new IllegalArgumentException("cores and slots must be at least 1: " + cores + ", " + slots);
    }
  }

  /**
   * Reads the slots from an executor's configuration.
   *
   * @param conf the configuration ({@code SparkEnv.get().conf()} on an executor)
   * @param availableCores the cores the JVM sees
   * @return the slots
   */
  static TaskSlots of(SparkConf conf, int availableCores) {
    int taskCpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
    int executorCores;
    int cores;
    if (conf.contains("spark.executor.cores")) {
      executorCores = conf.getInt("spark.executor.cores", availableCores);
      cores = executorCores;
    } else {
      executorCores = masterCores(conf.get("spark.master", ""), availableCores);
      cores = availableCores;
    }
    return new TaskSlots(Math.max(1, cores), Math.max(1, executorCores / taskCpus));
  }

  /** The intra-op threads each task's model runs get. @return at least 1 */
  int threadsPerTask() {
    return new ThreadBudget(cores, slots).threadsPerCaller();
  }

  private static int masterCores(String master, int availableCores) {
    String m = master.trim().toLowerCase(Locale.ROOT);
    if (m.equals("local")) {
      return 1;
    }
    Matcher local = LOCAL.matcher(m);
    if (local.matches()) {
      return local.group(1).equals("*") ? availableCores : Integer.parseInt(local.group(1));
    }
    Matcher cluster = LOCAL_CLUSTER.matcher(m);
    if (cluster.matches()) {
      return Integer.parseInt(cluster.group(1));
    }
    return availableCores;
  }
}
