// Storage forms: every accepted spelling reaches one canonical form, the engine's echo reads back to it, and bad
// input fails at check with the property path.
import { check } from "../../provider/container/check";
import type { Context, CreateBody } from "../../provider/container/options/spec";
import { mounts, storageOpt, tmpfs, volumes, volumesFrom } from "../../provider/container/options/storage";
import { parseMountString } from "../../provider/container/forms/mounts";

const base = { image: "busybox:1", __resourceName: "web" };
const ctx: Context = { imageRef: "busybox:1", image: { id: "sha256:x", config: {} }, desired: {}, containerIds: {}, daemon: {} };

function failuresOf(news: Record<string, unknown>) {
  return check({}, { ...base, ...news }).failures;
}

/** What the engine would echo: the create body, as inspect reports it (HostConfig fields verbatim). */
function roundTrip<C>(option: { write(b: CreateBody, v: C, c: Context): void; read(i: any, c: Context): C }, value: C): C {
  const body: CreateBody = { HostConfig: {} };
  option.write(body, value, ctx);
  return option.read({ HostConfig: body.HostConfig, Config: {} }, ctx);
}

describe("volumes", () => {
  const canonical = volumes.normalize(["/srv/app/:/app:ro,Z", "cache:/cache", "/scratch"], ctx);

  test("strings, objects and docker-py maps reach one canonical form, sorted by target", () => {
    expect(canonical).toEqual([
      { source: "/srv/app", target: "/app", readOnly: true, modes: ["Z"] },
      { source: "cache", target: "/cache", readOnly: false, modes: [] },
      { source: "", target: "/scratch", readOnly: false, modes: [] },
    ]);
    expect(
      volumes.normalize([{ target: "/scratch/" }, "cache:/cache:rw", { source: "/srv/app", target: "/app", readOnly: true, selinuxLabel: "Z" }], ctx),
    ).toEqual(canonical);
    expect(volumes.normalize({ "/srv/app": { bind: "/app", mode: "Z,ro" }, cache: { bind: "/cache" } }, ctx)).toEqual(canonical.slice(0, 2));
  });

  test("defaults are dropped: rw, rprivate propagation, consistent", () => {
    expect(volumes.normalize(["/a:/b:rw,rprivate,consistent"], ctx)).toEqual(volumes.normalize(["/a:/b"], ctx));
    expect(volumes.normalize(["/a:/b:rshared,ro"], ctx)).toEqual([{ source: "/a", target: "/b", readOnly: true, modes: ["rshared"] }]);
    expect(volumes.normalize(["data:/d:nocopy"], ctx)[0].modes).toEqual(["nocopy"]);
  });

  test("the written Binds read back to the same value; refresh gives strings", () => {
    expect(roundTrip(volumes, canonical)).toEqual(canonical);
    expect(volumes.toInput!(canonical)).toEqual(["/srv/app:/app:ro,Z", "cache:/cache", "/scratch"]);
  });
});

describe("mounts", () => {
  test("the --mount string and the object are one mount; defaults dropped", () => {
    const fromString = mounts.normalize(["type=bind,src=/h/,dst=/c,readonly,bind-propagation=rprivate,consistency=consistent"], ctx);
    const fromObject = mounts.normalize([{ type: "bind", source: "/h", target: "/c", readOnly: true, bindOptions: {} }], ctx);
    expect(fromString).toEqual([{ type: "bind", source: "/h", target: "/c", readOnly: true }]);
    expect(fromObject).toEqual(fromString);
  });

  test("tmpfs sizes and modes in any spelling; the engine's echo reads back", () => {
    const value = mounts.normalize(["type=tmpfs,target=/t,tmpfs-size=64m,tmpfs-mode=1777"], ctx);
    expect(value).toEqual([{ type: "tmpfs", target: "/t", tmpfsOptions: { size: 64 * 1024 * 1024, mode: 0o1777 } }]);
    expect(mounts.normalize([{ type: "tmpfs", target: "/t/", tmpfsOptions: { size: 67108864, mode: 0o1777 } }], ctx)).toEqual(value);
    expect(roundTrip(mounts, value)).toEqual(value);
    expect(mounts.toInput!(value)).toEqual([{ type: "tmpfs", target: "/t", tmpfsOptions: { size: "64m", mode: "1777" } }]);
  });

  test("volume labels, driver options and nocopy", () => {
    expect(parseMountString("src=data,target=/d,volume-nocopy,volume-label=a=1,volume-driver=local,volume-opt=o=size=1m")).toEqual({
      type: "volume",
      source: "data",
      target: "/d",
      volumeOptions: { noCopy: true, labels: { a: "1" }, driverConfig: { name: "local", options: { o: "size=1m" } } },
    });
    expect(parseMountString('src=nfs,dst=/n,volume-driver=local,"volume-opt=o=addr=10.0.0.1,rw",volume-opt=type=nfs').volumeOptions).toEqual({
      driverConfig: { name: "local", options: { o: "addr=10.0.0.1,rw", type: "nfs" } },
    });
    const value = mounts.normalize([parseMountString("src=data,target=/d,volume-nocopy,volume-label=a=1,volume-driver=local,volume-opt=o=size=1m")], ctx);
    expect(roundTrip(mounts, value)).toEqual(value);
  });
});

describe("tmpfs, volumesFrom, storageOpt", () => {
  test("tmpfs: map or list; rw dropped, sizes in whole units, options sorted", () => {
    const value = tmpfs.normalize({ "/run": "rw,size=65536k,noexec,mode=01777", "/tmp/": "" }, ctx);
    expect(value).toEqual({ "/run": "mode=1777,noexec,size=64m", "/tmp": "" });
    expect(tmpfs.normalize(["/tmp", "/run:noexec,size=64m,mode=1777"], ctx)).toEqual(value);
    expect(tmpfs.normalize({ "/run": "size=50%" }, ctx)).toEqual({ "/run": "size=50%" });
    expect(roundTrip(tmpfs, value)).toEqual(value);
  });

  test("volumesFrom: one name or a list, rw dropped, order kept, names resolved to ids", () => {
    expect(volumesFrom.normalize("db", ctx)).toEqual(["db"]);
    expect(volumesFrom.normalize(["db:rw", "cache:ro", "db"], ctx)).toEqual(["db", "cache:ro"]);
    expect(volumesFrom.containerRefs!(["db:rw", "cache:ro"])).toEqual(["db", "cache"]);
    const resolved = { ...ctx, containerIds: { db: "abc123", abc123: "abc123" } };
    expect(volumesFrom.normalize(["db:ro", "abc123", "/db"], resolved)).toEqual(["abc123:ro", "abc123"]);
  });

  test("storageOpt: map or key=value list; size in whole units", () => {
    expect(storageOpt.normalize(["size=10240M"], ctx)).toEqual({ size: "10g" });
    expect(storageOpt.normalize({ size: "10g" }, ctx)).toEqual({ size: "10g" });
  });
});

describe("check", () => {
  test("valid storage inputs have no failures", () => {
    expect(
      failuresOf({
        volumes: ["/h:/a:ro", "vol:/b", "/c"],
        mounts: [{ type: "tmpfs", target: "/d", tmpfsOptions: { size: "1m" } }, "type=bind,source=/h,target=/e"],
        tmpfs: ["/f:size=1m"],
        volumesFrom: ["other:ro"],
        volumeDriver: "local",
        storageOpt: { size: "1g" },
      }),
    ).toEqual([]);
  });

  test.each([
    [{ volumes: ["/tmp/x:ctr"] }, "volumes[0]", /'ctr' must be absolute/],
    [{ volumes: [{ target: "data" }] }, "volumes[0]", /'data' must be absolute/],
    [{ volumes: { "/h": { bind: "c" } } }, 'volumes["/h"]', /must be absolute/],
    [{ volumes: ["rel/x:/ctr"] }, "volumes[0]", /absolute host path nor a volume name/],
    [{ volumes: ["v:/ctr"] }, "volumes[0]", /2 or more/],
    [{ volumes: ["/data:ro"] }, "volumes[0]", /anonymous volume takes no mode/],
    [{ volumes: ["/a:/b:ro,rw"] }, "volumes[0]", /'ro' and 'rw' conflict/],
    [{ volumes: ["/a:/b:fast"] }, "volumes[0]", /not a volume mode/],
    [{ volumes: ["data:/b:rshared"] }, "volumes[0]", /bind mounts \(host paths\) only/],
    [{ volumes: ["/a:/b:nocopy"] }, "volumes[0]", /named volumes only/],
    [{ volumes: "/a:/b" }, "volumes", /list of volumes/],
    [{ volumes: [5] }, "volumes[0]", /"\/host\/path:\/container\/path\[:ro\]"/],
    [{ mounts: [{ type: "tmpfs", target: "/x", readOnly: true }] }, "mounts[0]", /read-only tmpfs/],
    [{ mounts: [{ type: "tmpfs", source: "x", target: "/x" }] }, "mounts[0]", /takes no source/],
    [{ mounts: [{ type: "bind", target: "/x" }] }, "mounts[0]", /needs a source/],
    [{ mounts: [{ type: "bind", source: "h", target: "/x" }] }, "mounts[0]", /absolute host path/],
    [{ mounts: [{ type: "volume", target: "x" }] }, "mounts[0]", /'x' must be absolute/],
    [{ mounts: [{ type: "bind", source: "/h", target: "/x", tmpfsOptions: { size: 1 } }] }, "mounts[0]", /tmpfsOptions applies to type "tmpfs"/],
    [{ mounts: [{ type: "tmpfs", target: "/x", tmpfsOptions: { mode: "999" } }] }, "mounts[0]", /octal file mode/],
    [{ mounts: ["type=tmpfs,target=/x,tmpfs-size=lots"] }, "mounts[0]", /not a size/],
    [{ mounts: ["type=bind,source=/h"] }, "mounts[0]", /no target/],
    [{ mounts: ["type=bind,source=/h,target=/x,colour=red"] }, "mounts[0]", /not a --mount field/],
    [{ mounts: [{ type: "npipe", target: "/x" }] }, "mounts[0].type", /expected type "bind", "volume" or "tmpfs"/],
    [{ tmpfs: { "/run": "size=lots" } }, 'tmpfs["/run"]', /not a size/],
    [{ tmpfs: ["/run:ro"] }, "tmpfs[0]", /read-only tmpfs/],
    [{ tmpfs: ["/run:exec,noexec"] }, "tmpfs[0]", /conflict/],
    [{ tmpfs: ["/run:bogus=1"] }, "tmpfs[0]", /not a tmpfs option/],
    [{ tmpfs: ["run"] }, "tmpfs[0]", /must be absolute/],
    [{ tmpfs: "/run" }, "tmpfs", /map .* or a list/],
    [{ volumesFrom: ["a:xx"] }, "volumesFrom[0]", /"name:ro"/],
    [{ volumesFrom: 5 }, "volumesFrom", /container name/],
    [{ volumeDriver: "no driver" }, "volumeDriver", /driver or plugin name/],
    [{ storageOpt: { size: "lots" } }, "storageOpt", /not a size/],
    [{ storageOpt: ["size"] }, "storageOpt[0]", /key=value|map/],
  ])("%j fails on %s", (news, property, reason) => {
    const failures = failuresOf(news);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].property).toBe(property);
    expect(failures[0].reason).toMatch(reason);
  });

  test.each([
    [{ volumes: ["/h:/x", "vol:/x/"] }, "volumes[1]", "volumes[0]"],
    [{ volumes: ["/h:/x"], mounts: [{ type: "tmpfs", target: "/x" }] }, "mounts[0]", "volumes[0]"],
    [{ volumes: ["/h:/x"], tmpfs: ["/x"] }, "tmpfs[0]", "volumes[0]"],
    [{ mounts: ["type=tmpfs,target=/x"], tmpfs: { "/x/": "" } }, 'tmpfs["/x/"]', "mounts[0]"],
    [{ tmpfs: ["/x", "/x:size=1m"] }, "tmpfs[1]", "tmpfs[0]"],
  ])("duplicate mount points %j fail at preview on %s", (news, property, earlier) => {
    expect(failuresOf(news)).toEqual([{ property, reason: expect.stringContaining(`already mounted by ${earlier}`) }]);
  });
});

test("mounts are shown without their volume driver options' values (they may hold credentials)", () => {
  const ctx = { imageRef: "x", image: { id: "x", config: {} }, desired: {}, containerIds: {}, daemon: {} };
  const value = mounts.normalize(
    [{ type: "volume", source: "share", target: "/share", volumeOptions: { driverConfig: { name: "local", options: { type: "cifs", o: "username=u,password=hunter2" } } } }],
    ctx,
  );
  const shown = mounts.show!(value);
  expect(shown).not.toContain("hunter2");
  expect(shown).toContain('"o":"(not shown)"');
  expect(shown).toContain("/share");
});
