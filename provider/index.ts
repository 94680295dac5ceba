// Entry point loaded by the serialized SDK shim (`require("dockwright/provider")`) inside the provider host.
export { containerProvider as container } from "./container";
export { commitProvider as commit } from "./commit";
export { networkProvider as network } from "./network";
export { volumeProvider as volume } from "./volume";
