import * as pulumi from "@pulumi/pulumi";
import { engineInputs, type EngineArgs } from "./args/engine";
import { volumeProviderShim } from "./provider-shim";

/** A named Docker volume. `host`/`tls`: the engine it lives on, as for Container. */
export interface VolumeArgs extends EngineArgs {
  /**
   * Volume name. Default: the resource name plus a random suffix (a replacement is then created before the old
   * volume is removed). With a fixed name the old volume is removed first. Change: replace, and the data is lost.
   */
  name?: pulumi.Input<string>;
  /** Volume driver: `local` (default) or an enabled plugin; checked against the engine's drivers at preview. Change: replace. */
  driver?: pulumi.Input<string>;
  /** Driver options (`docker volume create --opt`), e.g. `{type: "tmpfs", device: "tmpfs", o: "size=64m"}`. Change: replace. */
  driverOptions?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /** Labels, as a map or a list of `KEY=value`. Labels different on the engine (the volume recreated outside Pulumi) are drift. Change: replace. */
  labels?: pulumi.Input<Record<string, pulumi.Input<string>> | pulumi.Input<string>[]>;
  /**
   * Take over the volume that already has the declared `name`, with its data, instead of failing on the name. It
   * must match the declaration (driver, options, labels): dockwright never removes data to adopt a volume.
   */
  adopt?: pulumi.Input<boolean>;
}

/**
 * A named Docker volume: data that outlives the containers mounting it (`volumes: [pulumi.interpolate\`${vol.name}:/data\`]`).
 * Any input change replaces it, and replacing or deleting a volume removes its data: set the resource option
 * `retainOnDelete: true` on volumes whose data must survive `pulumi destroy` or a replacement. Delete fails,
 * naming them, while containers outside the deletion use the volume.
 */
export class Volume extends pulumi.dynamic.Resource {
  /** The volume's name (declared or generated): the source to mount. */
  declare readonly name: pulumi.Output<string>;
  /** The driver the engine reports. */
  declare readonly driver: pulumi.Output<string>;
  /** Where the engine keeps the data on its host. */
  declare readonly mountpoint: pulumi.Output<string>;
  /** When the engine created the volume (RFC 3339). */
  declare readonly createdAt: pulumi.Output<string>;

  constructor(name: string, args: VolumeArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      volumeProviderShim,
      name,
      { ...args, ...engineInputs(args), name: args.name, driver: args.driver, __resourceName: name, mountpoint: undefined, createdAt: undefined },
      opts,
      "dockwright",
      "Volume",
    );
  }
}
