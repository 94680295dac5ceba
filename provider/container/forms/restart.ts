// Restart policies: `"always"`, `"on-failure:3"` or `{name, maximumRetryCount}`.

export interface RestartPolicy {
  name: "no" | "always" | "unless-stopped" | "on-failure";
  maximumRetryCount: number;
}

/** `"always"`, `"on-failure:3"` or `{name, maximumRetryCount}`. */
export function parseRestart(value: string | { name: string; maximumRetryCount?: number }): RestartPolicy {
  if (typeof value === "string" && value.split(":").length > 2) {
    throw new Error(`'${value.slice(0, 40)}' has more than one ':'; expected on-failure:<retries>, e.g. on-failure:3`);
  }
  const [name, count] = typeof value === "string" ? value.split(":") : [value.name, value.maximumRetryCount];
  if (!["no", "always", "unless-stopped", "on-failure"].includes(name)) {
    throw new Error(`'${String(name).slice(0, 40)}' is not a restart policy; expected no, always, unless-stopped or on-failure[:retries]`);
  }
  if (count === "") {
    throw new Error(`'${value}' ends with ':' but gives no retry count; write ${name === "on-failure" ? "on-failure or on-failure:3" : name}`);
  }
  if (typeof count === "string" && !/^\d+$/.test(count)) throw new Error(`the retry count '${count.slice(0, 20)}' is not a whole number of 0 or more`);
  const retries = count === undefined ? 0 : Number(count);
  if (!Number.isSafeInteger(retries) || retries < 0) throw new Error(`the retry count must be a whole number of 0 or more`);
  if (retries > 0 && name !== "on-failure") throw new Error(`a retry count is only allowed with on-failure`);
  return { name: name as RestartPolicy["name"], maximumRetryCount: retries };
}

export function formatRestart(policy: RestartPolicy): string {
  return policy.maximumRetryCount ? `${policy.name}:${policy.maximumRetryCount}` : policy.name;
}
