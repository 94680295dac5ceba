// The fields of the SDK's ContainerArgs with their TSDoc, read from the source (sdk/args/*.ts): interfaces have no
// runtime form, and the docs generator and the tests need each field's name, comment and `@deprecated` tag.
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import ts from "typescript";

export interface ArgField {
  name: string;
  /** The file that declares it, relative to the repository. */
  file: string;
  /** The field's TSDoc (`/** ... *\/`) as written, and where it stands in the file; undefined without one. */
  doc?: { start: number; end: number; text: string };
  deprecated: boolean;
}

export const ARGS_DIR = join("sdk", "args");

/** Every ContainerArgs field, own fields and those of the interfaces it extends, in declaration order. */
export function containerArgFields(root: string): ArgField[] {
  const interfaces = new Map<string, { file: string; text: string; node: ts.InterfaceDeclaration }>();
  for (const name of readdirSync(join(root, ARGS_DIR)).filter((f) => f.endsWith(".ts"))) {
    const file = join(ARGS_DIR, name);
    const text = readFileSync(join(root, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    for (const node of source.statements) if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, { file, text, node });
  }
  const fields: ArgField[] = [];
  const visit = (name: string) => {
    const found = interfaces.get(name);
    if (!found) throw new Error(`ContainerArgs extends ${name}, which is not declared in ${ARGS_DIR}`);
    for (const clause of found.node.heritageClauses ?? []) for (const type of clause.types) visit(type.expression.getText());
    for (const member of found.node.members) {
      if (!ts.isPropertySignature(member)) continue;
      const ranges = ts.getLeadingCommentRanges(found.text, member.getFullStart()) ?? [];
      const last = ranges.filter((r) => found.text.startsWith("/**", r.pos)).pop();
      fields.push({
        name: member.name.getText(),
        file: found.file,
        doc: last && { start: last.pos, end: last.end, text: found.text.slice(last.pos, last.end) },
        deprecated: ts.getJSDocTags(member).some((tag) => tag.tagName.text === "deprecated"),
      });
    }
  };
  visit("ContainerArgs");
  return fields;
}
