// The SDK's ContainerArgs and the option table describe the same inputs, and the docs say how a change applies as
// the table does (scripts/change-docs.ts writes them; run it when this fails).
import { readFileSync } from "fs";
import { join } from "path";
import { z } from "zod";
import { OPTIONS } from "../../provider/container/options";
import { defineOption, defineSetting } from "../../provider/container/options/spec";
import { SETTINGS } from "../../provider/container/settings";
import { changeDocs, changeText, withChangeLine } from "../../scripts/change-docs";
import { containerArgFields } from "../../scripts/container-args";

const ROOT = join(__dirname, "..", "..");
const fields = containerArgFields(ROOT);
const table = [...OPTIONS, ...SETTINGS];

describe("ContainerArgs and the option table", () => {
  it("have the same keys: every SDK field is an option or a setting, and every option and setting is an SDK field", () => {
    expect(fields.map((f) => f.name).sort()).toEqual(table.map((o) => o.key).sort());
  });

  it("refuse, at compile time, an option or setting whose key is not an SDK field", () => {
    const spec = { schema: z.string(), normalize: (v: string) => v, write: () => undefined, read: () => "", apply: "replace" as const };
    // @ts-expect-error "imageName" is not a field of ContainerArgs (this line fails to compile once it would be accepted)
    expect(defineOption<string>({ ...spec, key: "imageName" }).key).toBe("imageName");
    // @ts-expect-error likewise for settings
    expect(defineSetting({ key: "pullPolicy", schema: z.string() }).key).toBe("pullPolicy");
  });

  it("mark deprecated exactly the inputs the table deprecates", () => {
    const deprecated = OPTIONS.filter((o) => o.deprecated !== undefined).map((o) => o.key);
    expect(deprecated).toContain("kernelMemory");
    expect(fields.filter((f) => f.deprecated).map((f) => f.name).sort()).toEqual(deprecated.sort());
  });
});

describe("how a change applies", () => {
  it("is written in the SDK's TSDoc and the README exactly as scripts/change-docs.ts writes it from the table", () => {
    for (const [file, text] of changeDocs()) expect({ file, text: readFileSync(join(ROOT, file), "utf8") }).toEqual({ file, text });
  });

  it("is said from apply and the option's note", () => {
    expect(changeText("env")).toBe("replace");
    expect(changeText("restart")).toBe("in place");
    expect(changeText("cpuPeriod")).toBe("in place; removing it or switching to `cpus` replaces");
    expect(changeText("uploads")).toMatch(/^replace \(also when/);
    expect(changeText("logLines")).toBe("no change to the container");
    expect(changeText("logs")).toBeUndefined();
  });

  it("has a note wherever only some changes are made in place (an option that can be removed and has an inPlace rule)", () => {
    const unsaid = OPTIONS.filter((o) => o.apply !== "replace" && o.inPlace && o.whenUndeclared && !o.change).map((o) => o.key);
    expect(unsaid).toEqual([]);
  });

  it("replaces the last Change sentence of a comment, before its block tags, wrapping at 120 columns", () => {
    expect(withChangeLine("/** A limit. Change: in place. */", "replace")).toBe("/** A limit. Change: replace. */");
    expect(withChangeLine("/** A limit. */", "replace")).toBe("/** A limit. Change: replace. */");
    const comment = ["  /**", "   * Kernel memory. Change (of the list,", "   * or of a file): replace.", "   * @deprecated use `memory`.", "   */"].join("\n");
    expect(withChangeLine(comment, "in place; " + "word ".repeat(30).trim())).toBe(
      [
        "  /**",
        "   * Kernel memory. Change: in place; word word word word word word word word word word word word word word word word",
        "   * word word word word word word word word word word word word word word.",
        "   * @deprecated use `memory`.",
        "   */",
      ].join("\n"),
    );
  });
});
