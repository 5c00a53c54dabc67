package io.gpen4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class TaskSlotsTest {
  @ParameterizedTest(name = "{0} executor.cores={1} task.cpus={2} on {3} cores: {4} slots x {5} threads")
  @CsvSource({
      "local,           , 1, 2, 1, 2",
      "local[1],        , 1, 2, 1, 2",
      "local[2],        , 1, 2, 2, 1",
      "'local[2,2]',    , 1, 2, 2, 1",
      "local[*],        , 1, 8, 8, 1",
      "local[4],        , 2, 8, 2, 4",
      "'local-cluster[2,1,1024]', , 1, 2, 1, 2",
      "spark://h:7077,  4, 1, 16, 4, 1",
      "spark://h:7077,  8, 4, 16, 2, 4",
      "spark://h:7077,   , 1, 16, 16, 1"})
  void of_splitsTheExecutorsCoresOverItsTaskSlots(String master, Integer executorCores, int taskCpus, int available,
      int slots, int threads) {
    SparkConf conf = new SparkConf(false).set("spark.master", master).set("spark.task.cpus", "" + taskCpus);
    if (executorCores != null) {
      conf.set("spark.executor.cores", "" + executorCores);
    }
    TaskSlots s = TaskSlots.of(conf, available);
    assertEquals(slots, s.slots());
    assertEquals(threads, s.threadsPerTask());
  }
}
