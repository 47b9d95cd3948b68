import { inflateRawSync } from "node:zlib";

// A ZIP bomb guard for uploaded .xlsx files, and the only ZIP parser they meet: readTable reads the
// parts at the offsets this returns, so what is read is what was checked. It reads the ZIP's own
// table of contents — the End Of Central Directory record, then the central directory — and refuses
// a file whose entries are too many or too large once unpacked, or whose structure does not add up.
//
// The sizes in the directory are only claims: a hostile file can claim 1 KB and inflate to 1 GB.
// So each deflated entry is also inflated here with zlib's maxOutputLength set to its claimed size,
// which stops the moment the claim is exceeded; the total of the claims is capped first, so that
// check can never allocate more than the budget.

export type ZipLimits = {
  /** Total uncompressed size of all entries, bytes. */
  maxTotalBytes: number;
  /**
   * Uncompressed size of the entries other than media (xl/media/: pictures, kept as bytes), bytes.
   * readTable holds the sheet's XML as text while it parses it; exceljs's in-memory reader (used
   * once) took 1.5 GB and 7.5 s for 67 MB of sheet XML. A full 20,000-row template sheet is ~10 MB.
   */
  maxXmlBytes: number;
  maxEntries: number;
};

export const ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 200 * 1024 * 1024,
  maxXmlBytes: 50 * 1024 * 1024,
  maxEntries: 2000,
};

export type ZipEntry = { name: string; compressedSize: number; uncompressedSize: number };

/** An entry and where its data lies in the file, for reading it without another ZIP parser. */
export type ZipPart = ZipEntry & {
  /** 0 stored, 8 deflated (the only ones accepted). */
  method: number;
  crc32: number;
  /** Offset of the entry's (compressed) data in the file. */
  dataStart: number;
};

/** Why the guard refused a file: "malformed" (not a readable ZIP) or "too-large" (a possible bomb). */
export class ZipGuardError extends Error {
  constructor(
    readonly reason: "malformed" | "too-large",
    message: string,
  ) {
    super(message);
    this.name = "ZipGuardError";
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_SIZE = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_SIZE = 30;
const STORED = 0;
const DEFLATED = 8;

function malformed(detail: string): never {
  throw new ZipGuardError("malformed", `ZIP structure is malformed: ${detail}`);
}

function tooLarge(detail: string): never {
  throw new ZipGuardError("too-large", detail);
}

function bigToNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) malformed(`${what} out of range`);
  return Number(value);
}

/**
 * Checks the ZIP in `bytes` against `limits` and returns its entries; throws ZipGuardError when it is
 * malformed, encrypted, uses a compression other than stored/deflate, or exceeds a limit.
 */
export function checkZip(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  return checkZipParts(bytes, limits).map(({ name, compressedSize, uncompressedSize }) => ({
    name,
    compressedSize,
    uncompressedSize,
  }));
}

/**
 * checkZip, returning also where each entry's data is: once it returns, each deflated entry is known
 * to inflate to exactly its declared size.
 */
export function checkZipParts(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipPart[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.byteLength;
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number, what: string) => bigToNumber(view.getBigUint64(at, true), what);

  // The EOCD record is the last 22 bytes, unless a comment (up to 65,535 bytes) follows it.
  let eocd = -1;
  for (let at = length - EOCD_SIZE; at >= Math.max(0, length - EOCD_SIZE - 0xffff); at--) {
    if (u32(at) === EOCD_SIGNATURE && at + EOCD_SIZE + u16(at + 20) <= length) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) malformed("no end of central directory record");
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) malformed("multi-disk archives are not supported");
  let count = u16(eocd + 10);
  let directorySize = u32(eocd + 12);
  let directoryOffset = u32(eocd + 16);
  if (u16(eocd + 8) !== count) malformed("entry counts disagree");
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    // ZIP64: the real figures are in the ZIP64 EOCD record, found through the locator just before.
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== ZIP64_LOCATOR_SIGNATURE) malformed("ZIP64 locator missing");
    const record = u64(locator + 8, "ZIP64 record offset");
    if (record + 56 > locator || u32(record) !== ZIP64_EOCD_SIGNATURE) malformed("ZIP64 record missing");
    count = u64(record + 32, "entry count");
    directorySize = u64(record + 40, "directory size");
    directoryOffset = u64(record + 48, "directory offset");
  }
  if (count > limits.maxEntries) tooLarge(`${count} entries (limit ${limits.maxEntries})`);
  const directoryEnd = directoryOffset + directorySize;
  if (directoryEnd > eocd) malformed("central directory outside the file");

  const entries: (ZipPart & { localOffset: number })[] = [];
  let total = 0;
  let xml = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_SIZE > directoryEnd || u32(at) !== CENTRAL_SIGNATURE)
      malformed(`bad directory entry ${i}`);
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc32 = u32(at + 16);
    let compressedSize = u32(at + 20);
    let uncompressedSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    const next = at + CENTRAL_SIZE + nameLength + extraLength + commentLength;
    if (next > directoryEnd) malformed(`directory entry ${i} overruns the directory`);
    const name = new TextDecoder().decode(bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength));
    if (flags & 0x1) malformed(`entry "${name}" is encrypted`);
    if (method !== STORED && method !== DEFLATED)
      malformed(`entry "${name}" uses compression method ${method}`);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extra field (id 1): the 8-byte values, in this order, of the fields set to 0xffffffff.
      let extra = at + CENTRAL_SIZE + nameLength;
      const extraEnd = extra + extraLength;
      let found = false;
      while (extra + 4 <= extraEnd) {
        const id = u16(extra);
        const size = u16(extra + 2);
        if (extra + 4 + size > extraEnd) break;
        if (id === 1) {
          let field = extra + 4;
          const take = (what: string) => {
            if (field + 8 > extra + 4 + size) malformed(`ZIP64 field of "${name}" too short`);
            const value = u64(field, what);
            field += 8;
            return value;
          };
          if (uncompressedSize === 0xffffffff) uncompressedSize = take("uncompressed size");
          if (compressedSize === 0xffffffff) compressedSize = take("compressed size");
          if (localOffset === 0xffffffff) localOffset = take("local header offset");
          found = true;
          break;
        }
        extra += 4 + size;
      }
      if (!found) malformed(`ZIP64 sizes of "${name}" missing`);
    }
    total += uncompressedSize;
    if (total > limits.maxTotalBytes) {
      tooLarge(`more than ${limits.maxTotalBytes} bytes once unpacked`);
    }
    if (!/^\/?xl\/media\//.test(name)) {
      xml += uncompressedSize;
      if (xml > limits.maxXmlBytes) tooLarge(`more than ${limits.maxXmlBytes} bytes of parts besides media`);
    }
    if (method === STORED && compressedSize !== uncompressedSize)
      malformed(`stored entry "${name}" sizes differ`);
    entries.push({ name, compressedSize, uncompressedSize, method, crc32, dataStart: 0, localOffset });
    at = next;
  }

  // The claims add up; now hold each entry's data to its claim.
  for (const entry of entries) {
    const local = entry.localOffset;
    if (local + LOCAL_SIZE > directoryOffset || u32(local) !== LOCAL_SIGNATURE) {
      malformed(`no local header for "${entry.name}"`);
    }
    const start = local + LOCAL_SIZE + u16(local + 26) + u16(local + 28);
    const end = start + entry.compressedSize;
    if (end > directoryOffset) malformed(`data of "${entry.name}" overruns the file`);
    entry.dataStart = start;
    if (entry.method !== DEFLATED) continue;
    let actual: number;
    try {
      // Throws (ERR_BUFFER_TOO_LARGE) as soon as the output would pass the claimed size.
      actual = inflateRawSync(bytes.subarray(start, end), {
        maxOutputLength: Math.max(1, entry.uncompressedSize),
      }).byteLength;
    } catch (error) {
      if (error instanceof RangeError) tooLarge(`"${entry.name}" unpacks to more than its declared size`);
      malformed(`"${entry.name}" does not inflate`);
    }
    if (actual !== entry.uncompressedSize)
      malformed(`"${entry.name}" unpacks to ${actual} bytes, not as declared`);
  }
  return entries.map(({ localOffset: _, ...part }) => part);
}
