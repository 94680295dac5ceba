// What the container is: its image and its name. The image is compared by id; a name changes in place (rename).
import { z } from "zod";
import { referenceProblem } from "../../docker/registry-reference";
import { defineOption } from "./spec";

const NAME_PATTERN = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export const image = defineOption<string>({
  key: "image",
  schema: z
    .string({ error: "expected an image reference such as nginx:1.27" })
    .min(1, "must not be empty")
    .superRefine((value, ctx) => {
      // The engine parses references with the same grammar at create: refused here, at preview, instead.
      const problem = value === "" ? undefined : referenceProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  // Identity is the resolved image id: the same image under another reference is no change.
  normalize: (_value, ctx) => ctx.image.id,
  write: (body, _id, ctx) => {
    body.Image = ctx.imageRef;
  },
  read: (info) => info.Image,
  apply: "replace",
  refresh: "reference",
});

export const name = defineOption<string>({
  key: "name",
  schema: z.string().regex(NAME_PATTERN, "container names start with a letter or digit, then letters, digits, '_', '.' or '-' (at least 2 characters)"),
  normalize: (value: string) => value.replace(/^\//, ""),
  write: (body, value) => {
    body.name = value;
  },
  read: (info) => info.Name.replace(/^\//, ""),
  apply: "rename",
  exclusive: { held: (value) => [`the name ${JSON.stringify(value)}`], deleteFirst: true, whileRunning: false },
  refresh: "generated",
});
