/**
 * `hall-server staff set-pin|set-password|unlock|photo <employeeNo>`: credentials, lockouts and the window screen's
 * photo from the CLI, through the running hall's admin API when it is up (else on the database under the lock).
 * Secrets are never flags: a file, a hidden prompt at a terminal, or standard input.
 */
import { NewPassword, Pin, type StaffPhotoInfo } from "@onewindow/contract";
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { z } from "zod";
import { setStaffPassword, setStaffPin } from "../services/credentials.ts";
import { setStaffPhoto } from "../services/staffPhotos.ts";
import { unlockSignIn } from "../services/signInGuard.ts";
import { changeHall, loadForCli } from "./hallAccess.ts";
import { configOption, writeOut } from "./options.ts";
import { readSecret } from "./secrets.ts";
import { assertReadableFile, CliError, commandGroup, withExample } from "./support.ts";

async function secretFor(label: string, file: string | undefined, fileFlag: string, rule: z.ZodType<string>) {
  const { secret } = await readSecret({ label, file, fileFlag });
  const checked = rule.safeParse(secret);
  if (!checked.success) throw new CliError(`${checked.error.issues[0]?.message ?? "invalid"}; nothing was changed`);
  return checked.data;
}

/** Register `staff set-pin`, `staff set-password`, `staff unlock` and `staff photo`. */
export function registerStaff(program: Command): void {
  const staff = commandGroup(
    program,
    "staff",
    "set or reset staff PINs and passwords, unlock locked-out accounts, store staff photos",
    "hall-server staff set-pin GW005 --pin-file pin.txt --config /srv/hall/config.json",
    "hall-server staff unlock GW006 --config /srv/hall/config.json",
  );

  withExample(
    configOption(
      staff
        .command("set-pin")
        .description("set or reset a staff member's PIN (6-12 digits), from a prompt, --pin-file or stdin")
        .argument("<employeeNo>", "the staff member")
        .option("--pin-file <file>", "read the PIN from the first line of this file"),
    ),
    "hall-server staff set-pin GW005 --config /srv/hall/config.json",
    "hall-server staff set-pin GW005 --pin-file pin.txt --config /srv/hall/config.json",
  ).action(async (employeeNo: string, opts: { config: string; pinFile?: string }) => {
    const { config } = loadForCli(opts.config);
    const pin = await secretFor("PIN", opts.pinFile, "--pin-file", Pin);
    await changeHall(config, {
      what: "set a PIN",
      local: (ctx) => setStaffPin(ctx, "cli", employeeNo, pin),
      remote: (api) => api.call("PUT", `/api/staff/${encodeURIComponent(employeeNo)}/pin`, { pin }),
    });
    writeOut(`PIN of ${employeeNo} set\n`);
  });

  withExample(
    configOption(
      staff
        .command("set-password")
        .description("set or reset a staff member's password (8-200 characters)")
        .argument("<employeeNo>", "the staff member")
        .option("--password-file <file>", "read the password from the first line of this file"),
    ),
    "hall-server staff set-password admin --password-file pw.txt --config /srv/hall/config.json",
  ).action(async (employeeNo: string, opts: { config: string; passwordFile?: string }) => {
    const { config } = loadForCli(opts.config);
    const password = await secretFor("password", opts.passwordFile, "--password-file", NewPassword);
    await changeHall(config, {
      what: "set a password",
      local: (ctx) => setStaffPassword(ctx, "cli", employeeNo, password),
      remote: (api) => api.call("PUT", `/api/staff/${encodeURIComponent(employeeNo)}/password`, { password }),
    });
    writeOut(`password of ${employeeNo} set\n`);
  });

  withExample(
    configOption(
      staff
        .command("unlock")
        .description("clear a locked-out account's failed sign-ins, from every machine")
        .argument("<employeeNo>", "the staff member"),
    ),
    "hall-server staff unlock GW006 --config /srv/hall/config.json",
  ).action(async (employeeNo: string, opts: { config: string }) => {
    const { config } = loadForCli(opts.config);
    const result = await changeHall<{ employeeNo: string; cleared: number }>(config, {
      what: "unlock an account",
      local: (ctx) => unlockSignIn(ctx, "cli", employeeNo),
      remote: (api) => api.call("POST", `/api/staff/${encodeURIComponent(employeeNo)}/unlock`, {}),
    });
    writeOut(
      result.cleared > 0
        ? `${employeeNo} unlocked (${result.cleared} machine${result.cleared === 1 ? "" : "s"} cleared)\n`
        : `${employeeNo} was not locked out\n`,
    );
  });

  withExample(
    configOption(
      staff
        .command("photo")
        .description("store a staff member's photo for the window screen (a JPEG or PNG file, at most 200 KB)")
        .argument("<employeeNo>", "the staff member")
        .argument("<file>", "the photo: a JPEG or PNG file"),
    ),
    "hall-server staff photo GW005 photos/gw005.jpg --config /srv/hall/config.json",
  ).action(async (employeeNo: string, file: string, opts: { config: string }) => {
    const { config } = loadForCli(opts.config);
    assertReadableFile("the photo", file);
    const bytes = readFileSync(file);
    // The type is told by the file's first bytes (on the server): no Content-Type is claimed for it here.
    const stored = await changeHall<StaffPhotoInfo>(config, {
      what: "store a photo",
      local: (ctx) => setStaffPhoto(ctx, "cli", employeeNo, bytes),
      remote: (api) => api.call("PUT", `/api/staff/${encodeURIComponent(employeeNo)}/photo`, bytes),
    });
    writeOut(`photo of ${employeeNo} stored (${stored.mediaType}, ${stored.bytes} bytes)\n`);
  });
}
