import { serializeFunction } from "@pulumi/pulumi/runtime";
import { containerProviderShim } from "../../sdk/provider-shim";

// What Pulumi stores as `__provider` in every resource's state.
async function serializedProvider(): Promise<string> {
  return (await serializeFunction(() => containerProviderShim, { allowSecrets: true })).text;
}

describe("the serialized provider", () => {
  test("is about a kilobyte and loads the installed package by name, holding no provider logic", async () => {
    const text = await serializedProvider();
    // Reported in the foundation issue's closing note.
    process.stdout.write(`serialized __provider: ${Buffer.byteLength(text)} bytes\n`);
    expect(Buffer.byteLength(text)).toBeLessThan(1500);
    expect(text).toContain('require("dockwright/provider")');
    // No copied code, no machine paths, no deep paths into node_modules.
    expect(text).not.toMatch(/dockerode|zod|node_modules|\/work\/|\/tmp\//);
    expect(text).not.toMatch(/inspect|createContainer/);
  });
});
