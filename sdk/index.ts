export { Container, type ContainerArgs, type PortInput, type BoundPort } from "./container";
