/**
 * Rendered segments, in memory and on disk (`<dataDir>/voice-cache/<engine tag>/<key>-<hash>.wav`), so a restart
 * reads what espeak-ng already said instead of running it again, and a call only ever reads memory.
 *
 *   fill(vocabulary, render)  --for each segment-->  memory? -> disk file? -> render (espeak-ng) -> trim -> disk
 *   get(key)                  --memory only (no synthesis at call time)
 *
 * The folder is named by the engine and its version, and each file by its key and a hash of its language and text,
 * so an upgraded engine or changed wording renders afresh instead of saying the old words.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SpokenSegment } from "../domain/index.ts";
import { trimSilence, type Pcm } from "./pcm.ts";
import { decodeWav, encodeWav } from "./wav.ts";

/** How many renders run at once while filling (the hall-server's machine is small; espeak-ng runs one core each). */
const RENDER_CONCURRENCY = 2;

/** What a fill did: segments rendered now, read from disk, already in memory. */
export interface FillCount {
  rendered: number;
  fromDisk: number;
  inMemory: number;
}

export class SegmentCache {
  private readonly memory = new Map<string, Pcm>();
  private readonly dir: string;

  /** `root` is `<dataDir>/voice-cache`; `engineTag` names the engine and version ("espeak-ng 1.51"). */
  constructor(root: string, engineTag: string) {
    this.dir = join(root, engineTag.replace(/[^A-Za-z0-9.-]+/g, "_").slice(0, 80));
  }

  /** The segment `key`'s audio, trimmed of silence at its ends, when it has been filled. */
  get(key: string): Pcm | undefined {
    return this.memory.get(key);
  }

  private fileOf(s: SpokenSegment): string {
    const hash = createHash("sha256").update(`${s.lang}\n${s.text}`).digest("hex").slice(0, 12);
    return join(this.dir, `${s.key}-${hash}.wav`);
  }

  private readDisk(s: SpokenSegment): Pcm | undefined {
    try {
      return decodeWav(readFileSync(this.fileOf(s)));
    } catch {
      // Missing or damaged (a crash mid-write cannot leave one: files are renamed into place): render it again.
      return undefined;
    }
  }

  private writeDisk(s: SpokenSegment, pcm: Pcm): void {
    const file = this.fileOf(s);
    const temp = `${file}.${randomUUID()}.tmp`;
    writeFileSync(temp, encodeWav(pcm));
    renameSync(temp, file);
  }

  /**
   * Put every segment of `segments` in memory: from memory, else from disk, else `render` it (trimmed, then written
   * to disk). Rejects with the first render's failure, or with `signal`'s reason once it aborts: no render starts
   * after that, and it rejects only once the renders already running have finished and are on disk.
   */
  async fill(
    segments: readonly SpokenSegment[],
    render: (s: SpokenSegment) => Promise<Pcm>,
    signal?: AbortSignal,
  ): Promise<FillCount> {
    mkdirSync(this.dir, { recursive: true });
    const count: FillCount = { rendered: 0, fromDisk: 0, inMemory: 0 };
    const todo: SpokenSegment[] = [];
    for (const s of segments) {
      if (this.memory.has(s.key)) count.inMemory++;
      else {
        const disk = this.readDisk(s);
        if (disk) {
          this.memory.set(s.key, disk);
          count.fromDisk++;
        } else todo.push(s);
      }
    }
    // The first failure (or the abort) stops every worker at its next segment, and the fill ends only once no render
    // is running: a stop must not return while a segment is still being rendered, or that segment would not be on
    // disk and the next start would render it again.
    let failure: { reason: unknown } | undefined;
    const worker = async () => {
      try {
        for (let s = todo.shift(); s !== undefined && !failure; s = todo.shift()) {
          signal?.throwIfAborted();
          const pcm = trimSilence(await render(s));
          if (pcm.samples.length === 0) throw new Error(`the voice said nothing for "${s.text}" (${s.key})`);
          this.writeDisk(s, pcm);
          this.memory.set(s.key, pcm);
          count.rendered++;
        }
      } catch (reason) {
        failure ??= { reason };
      }
    };
    await Promise.all(Array.from({ length: RENDER_CONCURRENCY }, worker));
    if (failure) throw failure.reason;
    return count;
  }
}
