package io.gpen4j.examples.web;

import com.google.gson.JsonObject;
import io.gpen4j.Ticker;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/progress?job=ID}: the stage and face count of an upload in work, or 404 when no
 * upload with that id is in work (not started yet, or finished).
 */
final class ProgressHandler extends Handler.Abstract.NonBlocking {
  private final JobTracker jobs;
  private final Ticker ticker;

  ProgressHandler(JobTracker jobs, Ticker ticker) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String id = Exchanges.query(request).get("job");
    if (!JobTracker.isValidId(id)) {
      Exchanges.sendError(request, response, callback, 400, "job must be 1 to 64 letters, digits or dashes");
      return true;
    }
    Optional<JobProgress> progress = jobs.get(id);
    if (progress.isEmpty()) {
      Exchanges.sendError(request, response, callback, 404, "no upload " + id + " in work");
      return true;
    }
    JobProgress p = progress.get();
    JsonObject body = new JsonObject();
    body.addProperty("job", id);
    body.addProperty("stage", p.stage().label());
    body.addProperty("facesDone", p.facesDone());
    body.addProperty("facesTotal", p.facesTotal());
    body.addProperty("elapsedMillis", (ticker.read() - p.startNanos()) / 1_000_000);
    Exchanges.sendJson(request, response, callback, 200, body);
    return true;
  }
}
