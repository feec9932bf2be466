// The calls the playground makes. Errors come back as problem documents (RFC 9457); their
// `detail` is what the person reads.

/** A 4xx or 5xx answer, carrying the problem document when there is one. */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }
}

async function problemOf(response) {
  let problem = null;
  try {
    problem = await response.json();
  } catch {
    // not JSON: fall back to the status line
  }
  return new ApiError(messageOf(problem, `The server answered ${response.status} ${response.statusText}.`), response.status, problem);
}

/** What a person reads of a problem document: its detail, else its title, else the fallback. */
function messageOf(problem, fallback) {
  return problem?.detail || problem?.title || fallback;
}

async function postJson(path, body, signal) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json();
}

/** One run, answered in one piece. */
export function optimize(body, signal) {
  return postJson("/api/optimize", body, signal);
}

/** The gradient of the loss (and its LaTeX) with respect to `wrt`, valued at `at`. */
export function matrixGradient(body, signal) {
  return postJson("/api/matrix-gradient", body, signal);
}

/** d/dx of a scalar expression; with `steps: true`, the derivation line by line as well. */
export function differentiate(body, signal) {
  return postJson("/api/differentiate", body, signal);
}

/** The gradient of a scalar expression; its keys are the free scalar names, in order of first appearance. */
export function gradient(body, signal) {
  return postJson("/api/gradient", body, signal);
}

/** The loss on a grid over two unknowns, for the contour plot. */
export function landscape(body, signal) {
  return postJson("/api/optimize/landscape", body, signal);
}

/**
 * One run as a stream of server-sent events: `iteration` events (one history point each) while it runs,
 * then a `summary` event with the whole answer, which this resolves to. EventSource cannot POST, so the
 * stream is read with fetch and parsed here.
 */
export async function optimizeStream(body, { onIteration, signal }) {
  const response = await fetch("/api/optimize/stream", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(body),
    signal,
  });
  if (response.status === 404 || response.status === 405) {
    // A server without the streaming route: one plain run, its history replayed.
    return replayed(await optimize(body, signal), onIteration);
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (!(response.headers.get("Content-Type") ?? "").includes("text/event-stream")) {
    return replayed(await response.json(), onIteration);
  }

  let summary = null;
  for await (const event of serverSentEvents(response.body)) {
    if (event.name === "iteration") {
      onIteration(JSON.parse(event.data));
    } else if (event.name === "summary") {
      summary = JSON.parse(event.data);
    } else if (event.name === "error" || event.name === "problem") {
      const problem = safeParse(event.data);
      throw new ApiError(messageOf(problem, event.data), problem?.status ?? 0, problem);
    }
  }
  if (summary === null) {
    throw new Error("The stream ended before the run's summary arrived.");
  }
  return summary;
}

/** A run answered in one piece, its history handed to onIteration point by point as a stream would. */
function replayed(result, onIteration) {
  (result.history ?? []).forEach(onIteration);
  return result;
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Parses a text/event-stream body into { name, data } events (the WHATWG rules, less `id` and `retry`). */
export async function* serverSentEvents(stream) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        break;
      }
      buffer += value.replace(/\r\n/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) {
          yield event;
        }
      }
    }
    const last = parseEvent(buffer);
    if (last) {
      yield last;
    }
  } finally {
    reader.releaseLock();
  }
}

function parseEvent(block) {
  let name = "message";
  const data = [];
  for (const line of block.split("\n")) {
    if (line === "" || line.startsWith(":")) {
      continue;
    }
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) {
      value = value.slice(1);
    }
    if (field === "event") {
      name = value;
    } else if (field === "data") {
      data.push(value);
    }
  }
  return data.length > 0 ? { name, data: data.join("\n") } : null;
}
