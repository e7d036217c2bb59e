/**
 * Catalogue import (hashing credentials first, then one transaction) and export. An import is previewed as a diff
 * (`dryRun`), and refused with 409 `conflict` when it would leave the hall without items, windows or an admin, or
 * remove the admin importing it, unless `force` is given; the same rules hold for the API and the CLI.
 */
import type { Catalog, CatalogImportResult, ImportRefusal } from "@onewindow/contract";
import { diffCatalog } from "../domain/catalogDiff.ts";
import { AppError } from "../errors.ts";
import { hashSecret } from "../security/index.ts";
import type { HashedCredentials } from "../store/catalogStore.ts";
import type { HallContext } from "./context.ts";
import { forgetPrincipals } from "./principal.ts";

/**
 * How to import: preview only, override refusals, and who asks: an admin over the API (the `self` rule applies),
 * the operator at the CLI ("cli"), or nobody for a hall's first set-up (not audited: there was nothing to change).
 */
export interface ImportOptions {
  dryRun?: boolean;
  force?: boolean;
  caller?: { staffId: number } | "cli";
}

function refused(refusals: ImportRefusal[]): AppError {
  return new AppError(
    "conflict",
    `this import ${refusals.map((r) => r.message).join("; ")}. Preview it with a dry run (?dryRun=true, or ` +
      `--dry-run on the CLI), or apply it anyway with force (?force=true, or --force)`,
    { refusals },
  );
}

/**
 * Import a validated catalogue; returns the file's counts, the diff and the refusals met. Credentials in the file
 * are hashed, never stored in clear. The diff and refusals are computed inside the import's transaction, so what was
 * checked is what is applied. Throws AppError `conflict` (details.refusals) when refused and not forced.
 */
export async function importCatalogJson(
  ctx: HallContext,
  catalog: Catalog,
  options: ImportOptions = {},
): Promise<CatalogImportResult> {
  const caller =
    typeof options.caller === "object" ? ctx.catalog.staffById.get(options.caller.staffId)?.employeeNo : undefined;
  const result = (dryRun: boolean, preview: ReturnType<typeof diffCatalog>, forced: boolean): CatalogImportResult => ({
    dryRun,
    version: catalog.version,
    departments: catalog.departments.length,
    items: catalog.items.length,
    windows: catalog.windows.length,
    staff: catalog.staff.length,
    diff: preview.diff,
    refusals: forced ? [] : preview.refusals,
    forced: forced ? preview.refusals.map((r) => r.code) : [],
  });
  if (options.dryRun) return result(true, diffCatalog(ctx.store.catalog.export(), catalog, caller), false);

  const params = { logN: ctx.config.hashCost, r: 8, p: 1 };
  const credentials: HashedCredentials = new Map();
  for (const s of catalog.staff) {
    const entry: { pinHash?: string; passwordHash?: string } = {};
    if (s.pin) entry.pinHash = await hashSecret(s.pin, params);
    if (s.password) entry.passwordHash = await hashSecret(s.password, params);
    credentials.set(s.employeeNo, entry);
  }
  return ctx.commit((tx) => {
    const preview = diffCatalog(ctx.store.catalog.export(), catalog, caller);
    if (preview.refusals.length > 0 && !options.force) throw refused(preview.refusals);
    ctx.store.catalog.import(catalog, credentials);
    const { diff } = preview;
    if (options.caller !== undefined)
      ctx.store.audit.record(
        tx.now,
        options.caller === "cli" ? "cli" : `staff:${options.caller.staffId}`,
        "catalog_import",
        {
          version: catalog.version,
          forced: preview.refusals.map((r) => r.code),
          deactivated: {
            items: diff.items.deactivated,
            windows: diff.windows.deactivated,
            staff: diff.staff.deactivated,
          },
        },
      );
    tx.after(() => {
      ctx.catalog.reload();
      forgetPrincipals(ctx);
    });
    tx.emit({ type: "catalog.imported", data: { version: catalog.version } });
    return result(false, preview, preview.refusals.length > 0);
  });
}

/** The catalogue as JSON; without staff for devices (kiosks need items, not people). */
export function exportCatalogJson(ctx: HallContext, options: { withStaff: boolean }) {
  const catalog = ctx.store.catalog.export();
  return options.withStaff ? catalog : { ...catalog, staff: [] };
}
