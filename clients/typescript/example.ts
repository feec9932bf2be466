// A typed CalcApi client in a few lines: the types come from the server's OpenAPI document
// (openapi-typescript writes generated/calcapi.d.ts), the calls are plain fetch.
import type { components, paths } from "./generated/calcapi.js";

type Schemas = components["schemas"];
type Problem = Schemas["ProblemDetails"];

/** The JSON body an operation takes, and the JSON it answers with for a status. */
type Body<P extends keyof paths> = paths[P]["post"] extends { requestBody?: { content: { "application/json": infer B } } } ? B : never;
type Answer<P extends keyof paths, S extends number> = paths[P]["post"] extends {
  responses: { [K in S]: { content: { "application/json": infer A } } };
} ? A : never;

/** Either the answer or the problem document: a caller has to look at `ok` before it can read either. */
type Result<T> = { ok: true; value: T } | { ok: false; status: number; problem: Problem };

async function post<P extends "/api/differentiate" | "/api/check">(baseUrl: string, path: P, body: Body<P>): Promise<Result<Answer<P, 200>>> {
  const response = await fetch(new URL(path, baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.ok
    ? { ok: true, value: (await response.json()) as Answer<P, 200> }
    : { ok: false, status: response.status, problem: (await response.json()) as Problem };
}

export async function main(baseUrl = "http://localhost:5000"): Promise<void> {
  // d/dx exp(cos(x^2)) at x = 0.5: `at` is typed as a map of numbers.
  const derivative = await post(baseUrl, "/api/differentiate", { expression: "exp(cos(x^2))", variable: "x", at: { x: 0.5 } });
  if (derivative.ok) {
    const value: number | null | undefined = derivative.value.value;
    console.log(`${derivative.value.derivative} = ${value} at x = 0.5`);
  } else if (derivative.problem.kind === "syntax") {
    console.log(`malformed at ${derivative.problem.position}: ${derivative.problem.detail}`);
  }

  // Is sin(2*x) the derivative of sin(x)^2? `verdict` and each diagnosis `code` are closed sets.
  const check = await post(baseUrl, "/api/check", { task: "differentiate", expression: "sin(x)^2", variable: "x", answer: "sin(2*x)" });
  if (!check.ok) {
    console.log(`${check.status} ${check.problem.title}: ${check.problem.detail}`);
    return;
  }

  const verdict: Schemas["CheckResponse"]["verdict"] = check.value.verdict;
  switch (verdict) {
    case "equivalent":
      console.log(`right (decided ${check.value.decidedBy})`);
      break;
    case "notEquivalent":
      for (const finding of check.value.diagnosis) {
        const code: Schemas["DiagnosisResponse"]["code"] = finding.code;
        console.log(`${code}: ${finding.message}`);
      }
      break;
    case "invalid":
      console.log(`cannot read the answer: ${check.value.error?.detail}`);
      break;
    default: {
      // Every verdict is handled: a new one in the document makes this line a type error.
      const unhandled: never = verdict;
      throw new Error(`unknown verdict ${String(unhandled)}`);
    }
  }
}
