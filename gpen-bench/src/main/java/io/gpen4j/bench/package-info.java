/**
 * JMH benchmarks for gpen4j, one class per question; each class's Javadoc gives the command that
 * runs it. Build the runnable jar with {@code mvn -q -B -o -pl gpen-bench -am package -DskipTests -Pbench-jar}.
 */
package io.gpen4j.bench;
