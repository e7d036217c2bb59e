import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Catalog } from "@onewindow/contract";
import exampleJson from "../demo/exampleCatalog.json" with { type: "json" };
import { exportCatalog, importCatalog } from "./catalogStore.ts";
import { openDatabase, type Db } from "./db.ts";

describe("catalogue store (schema v2)", () => {
  const dirs: string[] = [];
  const dbs: Db[] = [];
  afterEach(() => {
    dbs.splice(0).forEach((db) => db.close());
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), "onewindow-catalog-store-"));
    dirs.push(dir);
    const db = openDatabase(join(dir, "hall.db"));
    dbs.push(db);
    return db;
  };
  const sortedGroups = (c: Catalog) => ({ ...c, groups: [...c.groups].sort((a, b) => (a.code < b.code ? -1 : 1)) });

  it("when the example catalogue is imported into a new hall and exported, then every v2 field comes back", () => {
    const db = open();
    const catalog = Catalog.parse(exampleJson);
    importCatalog(db, catalog, new Map());
    expect(sortedGroups(exportCatalog(db))).toEqual(sortedGroups(catalog));
  });

  it("when an import changes an item's group, limits and local flag and a group's target wait, then export shows it", () => {
    const db = open();
    const catalog = Catalog.parse(exampleJson);
    importCatalog(db, catalog, new Map());
    const [first, ...rest] = catalog.items;
    if (!first) throw new Error("example has items");
    const changed = Catalog.parse({
      ...catalog,
      groups: catalog.groups.map((g) => (g.code === "SBMZ" ? { ...g, targetWaitMinutes: 30 } : g)),
      items: [
        {
          ...first,
          groupCode: "SBMZ",
          kind: "committed",
          promisedLimit: { value: 2, unit: "years" },
          legalLimit: null,
          localOnly: false,
          handlingCode: "H-1",
        },
        ...rest,
      ],
    });
    importCatalog(db, changed, new Map());
    const out = exportCatalog(db);
    expect(out.items[0]).toMatchObject({
      groupCode: "SBMZ",
      promisedLimit: { value: 2, unit: "years" },
      legalLimit: null,
      localOnly: false,
      handlingCode: "H-1",
    });
    expect(out.groups.find((g) => g.code === "SBMZ")?.targetWaitMinutes).toBe(30);
  });
});
