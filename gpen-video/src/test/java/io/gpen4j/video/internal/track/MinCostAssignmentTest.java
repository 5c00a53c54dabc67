package io.gpen4j.video.internal.track;

import static io.gpen4j.video.internal.track.MinCostAssignment.FORBIDDEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

final class MinCostAssignmentTest {
  @Test
  void solve_whereGreedyFails_findsTheCheaperPairing() {
    // Greedy row by row takes (0,0) at 1 and then must pay 10 for (1,1): 11. Best is 2 + 2.
    double[][] cost = {{1, 2}, {2, 10}};
    assertArrayEquals(new int[] {1, 0}, MinCostAssignment.solve(cost));
  }

  @Test
  void solve_forbiddenPairs_areLeftUnpaired() {
    double[][] cost = {{FORBIDDEN, FORBIDDEN}, {FORBIDDEN, 0.5}};
    assertArrayEquals(new int[] {-1, 1}, MinCostAssignment.solve(cost));
  }

  @Test
  void solve_prefersMorePairsOverCheaperOnes() {
    // Row 0 alone would take column 0 (cost 0.1), leaving row 1 with nothing allowed.
    double[][] cost = {{0.1, 0.9}, {0.2, FORBIDDEN}};
    assertArrayEquals(new int[] {1, 0}, MinCostAssignment.solve(cost));
  }

  @Test
  void solve_emptyInputs_giveEmptyOrUnpairedResults() {
    assertArrayEquals(new int[0], MinCostAssignment.solve(new double[0][0]));
    assertArrayEquals(new int[] {-1, -1}, MinCostAssignment.solve(new double[2][0]));
  }

  @Test
  void solve_raggedOrNonFiniteCosts_throw() {
    assertThrows(IllegalArgumentException.class, () -> MinCostAssignment.solve(new double[][] {{1, 2}, {1}}));
    assertThrows(IllegalArgumentException.class, () -> MinCostAssignment.solve(new double[][] {{Double.NaN}}));
  }

  @RepeatedTest(200)
  void solve_randomCosts_matchBruteForce(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    int rows = random.nextInt(6);
    int columns = random.nextInt(6);
    double[][] cost = new double[rows][columns];
    for (double[] row : cost) {
      for (int c = 0; c < columns; c++) {
        row[c] = random.nextDouble() < 0.25 ? FORBIDDEN : random.nextDouble() * 2;
      }
    }
    int[] solution = MinCostAssignment.solve(cost);
    boolean[] used = new boolean[columns];
    int pairs = 0;
    double total = 0;
    for (int r = 0; r < rows; r++) {
      if (solution[r] >= 0) {
        assertEquals(false, used[solution[r]], "column used twice");
        used[solution[r]] = true;
        assertEquals(true, cost[r][solution[r]] < FORBIDDEN, "forbidden pair returned");
        pairs++;
        total += cost[r][solution[r]];
      }
    }
    double[] best = bruteForce(cost, 0, new boolean[columns]);
    assertEquals(best[0], pairs, "pairs");
    assertEquals(best[1], total, 1e-9, "total cost");
  }

  /** Returns {most allowed pairs, least cost among those} over every pairing of rows from {@code row} on. */
  private static double[] bruteForce(double[][] cost, int row, boolean[] used) {
    if (row == cost.length) {
      return new double[] {0, 0};
    }
    double[] best = bruteForce(cost, row + 1, used);
    for (int c = 0; c < used.length; c++) {
      if (!used[c] && cost[row][c] < FORBIDDEN) {
        used[c] = true;
        double[] rest = bruteForce(cost, row + 1, used);
        used[c] = false;
        double pairs = rest[0] + 1;
        double total = rest[1] + cost[row][c];
        if (pairs > best[0] || (pairs == best[0] && total < best[1])) {
          best = new double[] {pairs, total};
        }
      }
    }
    return best;
  }
}
