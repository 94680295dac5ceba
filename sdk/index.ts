export { Container, type ContainerArgs, type PortInput, type BoundPort } from "./container";
export type { NetworkInput } from "./args/network";
