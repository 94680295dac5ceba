import globalSetup from "./global-setup";
import { requireCli } from "./cli";

// The CLI suite needs the engine and a real Pulumi CLI; both missing is a failure, never a skip.
export default async function cliGlobalSetup(): Promise<void> {
  requireCli();
  await globalSetup();
}
