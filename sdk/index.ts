export { Container, type ContainerArgs, type PortInput, type BoundPort } from "./container";
export { ContainerCommit, type ContainerCommitArgs, type CommitImageConfig, type CommitDiskChanges } from "./container-commit";
export { Network, type NetworkArgs } from "./network";
export { Volume, type VolumeArgs } from "./volume";
// The shapes of structured container inputs, for programs that build them separately.
export type { NetworkInput } from "./args/network";
export type { DeviceWeightArg, DeviceRateArg, UlimitArg } from "./args/cgroup";
export type { DurationInput, HealthcheckInput } from "./args/health-logs";
export type { DeviceInput, GpuInput, JoinableMode } from "./args/security";
export type { VolumeInput, MountInput } from "./args/storage";
export type { UploadInput } from "./args/lifecycle";
export type { SizeInput, SizeUnit, RestartInput, RestartPolicyName } from "./args/resources";
export type { EngineArgs, EngineTlsArgs, EngineTimeoutsArgs } from "./args/engine";
export type { RegistryAuthArgs } from "./args/image-source";
export type { IpamInput, IpamConfigInput } from "./args/ipam";
