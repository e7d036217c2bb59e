import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import demoJson from "../demo/demoCatalog.json" with { type: "json" };
import exampleJson from "../demo/exampleCatalog.json" with { type: "json" };
import { catalogJsonSchemaText } from "./catalogFile.ts";

describe("catalogue JSON Schema (generated from the zod schemas)", () => {
  const schema = JSON.parse(catalogJsonSchemaText()) as Record<string, unknown>;
  const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

  it("when the schema is compiled as draft 2020-12, then the demo and example catalogues are valid", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(validate(demoJson), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(exampleJson), JSON.stringify(validate.errors)).toBe(true);
  });

  it("when a file lacks schemaVersion 2, uses an unknown unit or misspells a key, then the schema refuses it", () => {
    const { schemaVersion: _v, ...v1 } = demoJson;
    expect(validate(v1)).toBe(false);
    const [first, ...rest] = demoJson.items;
    expect(validate({ ...demoJson, items: [{ ...first, promisedLimit: { value: 1, unit: "weeks" } }, ...rest] })).toBe(
      false,
    );
    expect(validate({ ...demoJson, items: [{ ...first, wieght: 1 }, ...rest] })).toBe(false);
  });

  it("when the schema is read, then the v2 item fields are described", () => {
    const items = (schema.properties as Record<string, { items: { properties: Record<string, unknown> } }>).items!;
    expect(Object.keys(items.items.properties)).toEqual(
      expect.arrayContaining(["category", "groupCode", "handlingCode", "promisedLimit", "legalLimit", "localOnly"]),
    );
  });
});
