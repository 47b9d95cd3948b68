import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { makeZip } from "../../../../test/fixtures/import/make-fixtures.ts";
import { checkZip, ZIP_LIMITS, ZipGuardError } from "./zip-guard.ts";

function guardError(work: () => unknown): ZipGuardError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(ZipGuardError);
    return error as ZipGuardError;
  }
  throw new Error("checkZip accepted the file");
}

describe("checkZip", () => {
  it("lists the entries of a workbook exceljs wrote", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("名单").addRow(["党组织名称", "地址"]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const entries = checkZip(bytes);
    expect(entries.map((e) => e.name)).toContain("xl/workbook.xml");
    expect(entries.map((e) => e.name)).toContain("xl/worksheets/sheet1.xml");
    expect(entries.filter((e) => !e.name.endsWith("/")).every((e) => e.uncompressedSize > 0)).toBe(true);
  });

  it("reads stored and deflated entries, a comment after the end record, and a view into a larger buffer", () => {
    const zip = makeZip([
      { name: "a.txt", data: "hello", deflate: false },
      { name: "b.txt", data: "x".repeat(10_000) },
    ]);
    // A 3-byte archive comment, its length in the end record's last field.
    const commented = Buffer.concat([zip, Buffer.from("abc")]);
    commented.writeUInt16LE(3, zip.length - 2);
    const padded = new Uint8Array(commented.length + 10);
    padded.set(commented, 5);
    const entries = checkZip(padded.subarray(5, 5 + commented.length));
    expect(entries).toEqual([
      { name: "a.txt", compressedSize: 5, uncompressedSize: 5 },
      { name: "b.txt", compressedSize: expect.any(Number), uncompressedSize: 10_000 },
    ]);
  });

  it("refuses claimed sizes over the budget, too many entries, and understated sizes", () => {
    const huge = makeZip([{ name: "a.xml", data: "x", claimedSize: ZIP_LIMITS.maxTotalBytes + 1 }]);
    expect(guardError(() => checkZip(huge)).reason).toBe("too-large");
    // Many entries each within budget, together over it.
    const sum = makeZip(
      Array.from({ length: 3 }, (_, i) => ({ name: `p${i}`, data: "x", claimedSize: 80 * 1024 * 1024 })),
    );
    expect(guardError(() => checkZip(sum)).reason).toBe("too-large");
    const many = makeZip(Array.from({ length: 11 }, (_, i) => ({ name: `p${i}`, data: "x" })));
    expect(
      guardError(() => checkZip(many, { maxTotalBytes: 1e6, maxXmlBytes: 1e6, maxEntries: 10 })).reason,
    ).toBe("too-large");
    // Parts other than pictures have a budget of their own.
    const limits = { maxTotalBytes: 1000, maxXmlBytes: 100, maxEntries: 10 };
    const media = makeZip([{ name: "xl/media/image1.png", data: "x".repeat(500) }]);
    expect(checkZip(media, limits)).toHaveLength(1);
    const xml = makeZip([{ name: "xl/worksheets/sheet1.xml", data: "x".repeat(101) }]);
    expect(guardError(() => checkZip(xml, limits)).reason).toBe("too-large");
    const liar = makeZip([{ name: "a.xml", data: new Uint8Array(1024 * 1024), claimedSize: 100 }]);
    expect(guardError(() => checkZip(liar)).reason).toBe("too-large");
  });

  it("refuses malformed archives", () => {
    const zip = makeZip([{ name: "a.txt", data: "hello world hello world" }]);
    const malformed = (bytes: Uint8Array) =>
      expect(guardError(() => checkZip(bytes)).reason).toBe("malformed");

    malformed(new Uint8Array(0));
    malformed(zip.subarray(0, zip.length - 5)); // no end record
    malformed(Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(64)]));

    const badOffset = Buffer.from(zip);
    badOffset.writeUInt32LE(zip.length, zip.length - 6); // directory offset past the end
    malformed(badOffset);

    const badCount = Buffer.from(zip);
    badCount.writeUInt16LE(2, zip.length - 14);
    badCount.writeUInt16LE(2, zip.length - 12); // two entries claimed, one present
    malformed(badCount);

    const directory = zip.length - 22 - (46 + "a.txt".length);
    const encrypted = Buffer.from(zip);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(directory + 8) | 1, directory + 8);
    malformed(encrypted);

    const bzip2 = Buffer.from(zip);
    bzip2.writeUInt16LE(12, directory + 10);
    malformed(bzip2);

    const badLocal = Buffer.from(zip);
    badLocal.writeUInt32LE(7, directory + 42); // local header offset to nowhere
    malformed(badLocal);

    const overrun = Buffer.from(zip);
    overrun.writeUInt32LE(10_000, directory + 20); // compressed size past the directory
    malformed(overrun);

    const garbage = Buffer.from(zip);
    garbage.fill(0xff, 30 + "a.txt".length, 30 + "a.txt".length + 4); // deflate stream corrupted
    malformed(garbage);

    const shortClaim = makeZip([{ name: "a.txt", data: "hello world", claimedSize: 50 }]);
    malformed(shortClaim); // inflates to less than declared
  });

  it("follows ZIP64 sizes in the extra field", () => {
    const zip = makeZip([{ name: "a.txt", data: "hello", deflate: false }]);
    // Rebuild the one directory entry with 0xffffffff sizes and a ZIP64 extra field holding them.
    const directoryStart = zip.readUInt32LE(zip.length - 6);
    const entry = Buffer.from(zip.subarray(directoryStart, directoryStart + 46 + 5));
    entry.writeUInt32LE(0xffffffff, 20);
    entry.writeUInt32LE(0xffffffff, 24);
    entry.writeUInt16LE(20, 30);
    const extra = Buffer.alloc(20);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(5n, 4); // uncompressed
    extra.writeBigUInt64LE(5n, 12); // compressed
    const directory = Buffer.concat([entry, extra]);
    const end = Buffer.from(zip.subarray(zip.length - 22));
    end.writeUInt32LE(directory.length, 12);
    const rebuilt = Buffer.concat([zip.subarray(0, directoryStart), directory, end]);
    expect(checkZip(rebuilt)).toEqual([{ name: "a.txt", compressedSize: 5, uncompressedSize: 5 }]);

    const claimed = Buffer.from(rebuilt);
    claimed.writeBigUInt64LE(BigInt(ZIP_LIMITS.maxTotalBytes) * 4n, directoryStart + 46 + 5 + 4);
    expect(guardError(() => checkZip(claimed)).reason).toBe("too-large");
  });
});
