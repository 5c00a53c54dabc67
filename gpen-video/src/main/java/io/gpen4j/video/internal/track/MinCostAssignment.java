package io.gpen4j.video.internal.track;

import java.util.Arrays;

/**
 * Solves the assignment problem: pairs rows with columns, each used at most once, so that as many
 * rows as possible are paired and the total cost of the pairs is least.
 *
 * <p>Design: the Hungarian method of Kuhn (1955) and Munkres (1957), in its O(n²m) form that grows
 * the matching one row at a time along shortest augmenting paths with dual potentials. Trackers
 * use it instead of greedy matching because greedy lets the first track take a detection that a
 * later track fits better, which swaps the ids of two faces that come close. Costs at or above
 * {@link #FORBIDDEN} mark pairs that must not be made; they are left unpaired in the result.
 */
final class MinCostAssignment {
  /** A cost that forbids a pair; any allowed cost must be well below it. */
  static final double FORBIDDEN = 1e9;

  private MinCostAssignment() {}

  /**
   * Pairs rows with columns at the least total cost.
   *
   * @param cost {@code cost[row][column]}, finite, a rectangle (every row as long)
   * @return for each row the column paired with it, or -1 when it is left unpaired (more rows than
   *     columns, or only forbidden pairs left for it)
   * @throws IllegalArgumentException if the rows differ in length or a cost is not finite
   */
  static int[] solve(double[][] cost) {
    int rows = cost.length;
    int columns = rows == 0 ? 0 : cost[0].length;
    for (double[] row : cost) {
      if (row.length != columns) {
        throw new IllegalArgumentException("cost rows differ in length: " + row.length + " vs " + columns);
      }
      for (double c : row) {
        if (!Double.isFinite(c)) {
          throw new IllegalArgumentException("cost must be finite: " + c);
        }
      }
    }
    int[] result = new int[rows];
    Arrays.fill(result, -1);
    if (rows == 0 || columns == 0) {
      return result;
    }
    boolean transpose = rows > columns;
    double[][] a = transpose ? transposed(cost) : cost;
    int[] columnOfRow = solveWide(a);
    if (transpose) {
      for (int c = 0; c < columnOfRow.length; c++) {
        if (columnOfRow[c] >= 0) {
          result[columnOfRow[c]] = c;
        }
      }
    } else {
      result = columnOfRow;
    }
    for (int r = 0; r < rows; r++) {
      if (result[r] >= 0 && cost[r][result[r]] >= FORBIDDEN) {
        result[r] = -1;
      }
    }
    return result;
  }

  /** Solves for n rows and m >= n columns, every row paired. */
  private static int[] solveWide(double[][] a) {
    int n = a.length;
    int m = a[0].length;
    // Index 0 is a sentinel column/row; real rows and columns are 1-based below.
    double[] rowPotential = new double[n + 1];
    double[] columnPotential = new double[m + 1];
    int[] rowOfColumn = new int[m + 1];
    int[] previousColumn = new int[m + 1];
    double[] slack = new double[m + 1];
    boolean[] visited = new boolean[m + 1];
    for (int row = 1; row <= n; row++) {
      rowOfColumn[0] = row;
      int column = 0;
      Arrays.fill(slack, Double.POSITIVE_INFINITY);
      Arrays.fill(visited, false);
      do {
        visited[column] = true;
        int r = rowOfColumn[column];
        double delta = Double.POSITIVE_INFINITY;
        int next = 0;
        for (int j = 1; j <= m; j++) {
          if (!visited[j]) {
            double reduced = a[r - 1][j - 1] - rowPotential[r] - columnPotential[j];
            if (reduced < slack[j]) {
              slack[j] = reduced;
              previousColumn[j] = column;
            }
            if (slack[j] < delta) {
              delta = slack[j];
              next = j;
            }
          }
        }
        for (int j = 0; j <= m; j++) {
          if (visited[j]) {
            rowPotential[rowOfColumn[j]] += delta;
            columnPotential[j] -= delta;
          } else {
            slack[j] -= delta;
          }
        }
        column = next;
      } while (rowOfColumn[column] != 0);
      // Flip the augmenting path back to the sentinel.
      do {
        int before = previousColumn[column];
        rowOfColumn[column] = rowOfColumn[before];
        column = before;
      } while (column != 0);
    }
    int[] columnOfRow = new int[n];
    Arrays.fill(columnOfRow, -1);
    for (int j = 1; j <= m; j++) {
      if (rowOfColumn[j] != 0) {
        columnOfRow[rowOfColumn[j] - 1] = j - 1;
      }
    }
    return columnOfRow;
  }

  private static double[][] transposed(double[][] a) {
    double[][] t = new double[a[0].length][a.length];
    for (int r = 0; r < a.length; r++) {
      for (int c = 0; c < a[0].length; c++) {
        t[c][r] = a[r][c];
      }
    }
    return t;
  }
}
