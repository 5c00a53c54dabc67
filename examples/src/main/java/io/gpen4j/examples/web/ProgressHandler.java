package io.gpen4j.examples.web;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.gpen4j.Ticker;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/progress?job=ID}: the stage and face count of an upload in work, or 404 when no
 * upload with that id is in work (not started yet, or finished).
 */
final class ProgressHandler implements HttpHandler {
  private final JobTracker jobs;
  private final Ticker ticker;

  ProgressHandler(JobTracker jobs, Ticker ticker) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      String id = Exchanges.query(exchange).get("job");
      if (!JobTracker.isValidId(id)) {
        Exchanges.sendError(exchange, 400, "job must be 1 to 64 letters, digits or dashes");
        return;
      }
      Optional<JobProgress> progress = jobs.get(id);
      if (progress.isEmpty()) {
        Exchanges.sendError(exchange, 404, "no upload " + id + " in work");
        return;
      }
      JobProgress p = progress.get();
      JsonObject body = new JsonObject();
      body.addProperty("job", id);
      body.addProperty("stage", p.stage().label());
      body.addProperty("facesDone", p.facesDone());
      body.addProperty("facesTotal", p.facesTotal());
      body.addProperty("elapsedMillis", (ticker.read() - p.startNanos()) / 1_000_000);
      Exchanges.sendJson(exchange, 200, body);
    } finally {
      exchange.close();
    }
  }
}
