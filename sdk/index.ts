export { Container, type ContainerArgs, type PortInput, type BoundPort } from "./container";
export type { NetworkInput } from "./args/network";
export { ContainerCommit, type ContainerCommitArgs, type CommitImageConfig, type CommitDiskChanges } from "./container-commit";
