// The registry of background tasks. A leaf: it imports nothing of the app, so the modules that
// register tasks and services.server.ts (which starts them) depend on it, never on each other.
export type Role = "web" | "worker";

export interface BackgroundTask {
  name: string;
  /** Which processes run it: "web" tasks run in the web process, "worker" in workers (and inline). */
  roles: Role[];
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

const tasks: BackgroundTask[] = [];

/** Registers a task once (by name); registration order is start order. */
export function registerTask(task: BackgroundTask): void {
  if (!tasks.some((t) => t.name === task.name)) tasks.push(task);
}

export function registeredTasks(): readonly BackgroundTask[] {
  return tasks;
}
