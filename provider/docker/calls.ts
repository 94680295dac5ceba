// What an Engine API request is, for deadlines and messages: its kind ("POST /containers/{id}/start", ids
// collapsed), what it does in words ("start the container"), whether it changes anything on the engine, and which
// deadline class it belongs to.

type DeadlineClass = "lookup" | "change" | "transfer" | "none";

export interface EngineCall {
  /** `POST /containers/{id}/start`: method and path with ids and names collapsed, no query. */
  kind: string;
  /** What the request does, for messages: "start the container". */
  action: string;
  /** Whether the engine may have changed something when the answer does not arrive. */
  mutating: boolean;
  deadline: DeadlineClass;
}

/** `/v1.41/containers/abc/start?x=1` to `/containers/{id}/start`. */
export function callKind(method: string, path: string): string {
  let p = path.split("?")[0].replace(/^\/v\d+\.\d+/, "");
  p = p
    .replace(/^\/(containers|networks|volumes|exec)\/(?!json$|create$|prune$)[^/]+/, "/$1/{id}")
    .replace(/^\/images\/(?!json$|create$|prune$|load$|search$|get$).+?(\/json|\/history|\/push|\/tag)?$/, "/images/{ref}$1")
    .replace(/^\/distribution\/.+\/json$/, "/distribution/{ref}/json");
  return `${method.toUpperCase()} ${p}`;
}

const ACTIONS: Record<string, [string, DeadlineClass]> = {
  "GET /_ping": ["reach the engine", "lookup"],
  "GET /version": ["ask the engine its version", "lookup"],
  "GET /info": ["ask the engine its settings", "lookup"],
  "GET /containers/json": ["list containers", "lookup"],
  "GET /containers/{id}/json": ["inspect the container", "lookup"],
  "GET /containers/{id}/logs": ["read the container's logs", "lookup"],
  // A commit's `docker diff` walks the container's whole filesystem.
  "GET /containers/{id}/changes": ["list the container's file changes", "change"],
  "POST /containers/create": ["create the container", "change"],
  "POST /containers/{id}/start": ["start the container", "change"],
  "POST /containers/{id}/stop": ["stop the container", "change"],
  "POST /containers/{id}/kill": ["kill the container", "change"],
  "POST /containers/{id}/restart": ["restart the container", "change"],
  "POST /containers/{id}/pause": ["pause the container", "change"],
  "POST /containers/{id}/unpause": ["unpause the container", "change"],
  "POST /containers/{id}/update": ["change the container's limits", "change"],
  "POST /containers/{id}/rename": ["rename the container", "change"],
  "DELETE /containers/{id}": ["remove the container", "change"],
  // Waiting for a job or a removal is governed by the job's and delete's own settings.
  "POST /containers/{id}/wait": ["wait for the container", "none"],
  "PUT /containers/{id}/archive": ["upload files into the container", "transfer"],
  "GET /networks/{id}": ["inspect the network", "lookup"],
  "POST /networks/{id}/connect": ["connect the container to a network", "change"],
  "POST /networks/{id}/disconnect": ["disconnect the container from a network", "change"],
  "GET /images/json": ["list images", "lookup"],
  "GET /images/{ref}/json": ["inspect the image", "lookup"],
  "POST /images/create": ["pull the image", "transfer"],
  "POST /images/{ref}/tag": ["tag the image", "change"],
  "DELETE /images/{ref}": ["remove the image", "change"],
  "GET /distribution/{ref}/json": ["ask the registry for the image's digest", "change"],
  "POST /commit": ["commit the container to an image", "transfer"],
};

export function describeCall(method: string, path: string): EngineCall {
  const kind = callKind(method, path);
  const known = ACTIONS[kind];
  const mutating = !/^(GET|HEAD) /.test(kind) && kind !== "POST /containers/{id}/wait";
  if (known) return { kind, action: known[0], mutating, deadline: known[1] };
  return { kind, action: `call ${kind}`, mutating, deadline: mutating ? "change" : "lookup" };
}
