import { createConnection } from "node:net";

/** Commands Redis processed and CPU seconds it used, from `INFO`. */
export interface RedisCounters {
  readonly commands: number;
  readonly cpuSeconds: number;
}

/** Reads Redis's command count and CPU time (user + system, main thread and children) over a plain socket. */
export function redisCounters(port: number): Promise<RedisCounters> {
  return new Promise((resolve, reject) => {
    let text = "";
    const socket = createConnection({ host: "127.0.0.1", port }, () => socket.write("INFO all\r\n"));
    socket.on("data", (chunk) => {
      text += chunk.toString();
      const length = Number(/^\$(\d+)\r\n/.exec(text)?.[1] ?? Number.NaN);
      if (Number.isFinite(length) && Buffer.byteLength(text) >= length + String(length).length + 5) {
        socket.end();
        const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(text)?.[1] ?? 0);
        resolve({ commands: field("total_commands_processed"), cpuSeconds: field("used_cpu_user") + field("used_cpu_sys") });
      }
    });
    socket.once("error", reject);
  });
}
