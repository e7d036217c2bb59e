/** Catalogue import (hashing credentials first, then one transaction) and export. */
import type { Catalog } from "@onewindow/contract";
import { hashSecret } from "../security/index.ts";
import type { HashedCredentials } from "../store/catalogStore.ts";
import type { HallContext } from "./context.ts";
import { forgetPrincipals } from "./principal.ts";

/** Import a validated catalogue; returns counts. Credentials in the file are hashed, never stored in clear. */
export async function importCatalogJson(ctx: HallContext, catalog: Catalog) {
  const params = { logN: ctx.config.hashCost, r: 8, p: 1 };
  const credentials: HashedCredentials = new Map();
  for (const s of catalog.staff) {
    const entry: { pinHash?: string; passwordHash?: string } = {};
    if (s.pin) entry.pinHash = await hashSecret(s.pin, params);
    if (s.password) entry.passwordHash = await hashSecret(s.password, params);
    credentials.set(s.employeeNo, entry);
  }
  ctx.commit((tx) => {
    ctx.store.catalog.import(catalog, credentials);
    tx.after(() => {
      ctx.catalog.reload();
      forgetPrincipals(ctx);
    });
    tx.emit({ type: "catalog.imported", data: { version: catalog.version } });
  });
  return {
    version: catalog.version,
    departments: catalog.departments.length,
    items: catalog.items.length,
    windows: catalog.windows.length,
    staff: catalog.staff.length,
  };
}

/** The catalogue as JSON; without staff for devices (kiosks need items, not people). */
export function exportCatalogJson(ctx: HallContext, options: { withStaff: boolean }) {
  const catalog = ctx.store.catalog.export();
  return options.withStaff ? catalog : { ...catalog, staff: [] };
}
