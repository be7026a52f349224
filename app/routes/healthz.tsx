// Liveness and readiness: 200 when the database answers, 503 otherwise.
import { services } from "../services.server";

export async function loader() {
  const ok = await services.healthy();
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
