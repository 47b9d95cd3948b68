import { describe, expect, it } from "vitest";
import { bytesOfBase64 } from "./download.ts";

describe("bytesOfBase64", () => {
  it("decodes the server's base64 into the file's bytes", () => {
    // "PK\x03\x04": how an .xlsx (a zip) starts.
    expect([...bytesOfBase64("UEsDBA==")]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect(bytesOfBase64("").length).toBe(0);
    expect([...bytesOfBase64(Buffer.from([0, 255, 128]).toString("base64"))]).toEqual([0, 255, 128]);
  });
});
